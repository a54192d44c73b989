/**
 * Anthropic Messages API (`POST /v1/messages`), spoken by `createAnthropic`. Shapes follow the SDK's
 * `anthropicMessagesChunkSchema` and `anthropicMessagesResponseSchema`. Anthropic's `input_tokens` counts
 * only uncached prompt tokens (the SDK adds cache reads and writes back to get `inputTokens`), so the
 * scripted total is split here.
 */
import type { FakeLlmErrorStatus, FakeLlmUsage } from './script.js';
import type { AnswerContext, ScriptedAnswer, SseEvent, WireFormat } from './wire-format.js';
import { splitArguments } from './wire-format.js';

function inputUsage(usage: FakeLlmUsage) {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const longWrites = usage.cacheWrite1hTokens;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    // Sent when a request used the 1-hour cache: the writes split by lifetime.
    ...(longWrites !== undefined && {
      cache_creation: { ephemeral_5m_input_tokens: cacheWrite - longWrites, ephemeral_1h_input_tokens: longWrites },
    }),
  };
}

function outputUsage(usage: FakeLlmUsage) {
  return {
    output_tokens: usage.outputTokens,
    // The SDK reads reasoning tokens from here; without it, it reports them as unknown.
    ...(usage.reasoningTokens !== undefined && { output_tokens_details: { thinking_tokens: usage.reasoningTokens } }),
  };
}

/** Tool calls with ids assigned once, so the streamed and non-streamed shapes agree. */
function toolUses(answer: ScriptedAnswer & { kind: 'tool-calls' }, context: AnswerContext) {
  return answer.calls.map((call) => ({ ...call, id: call.id ?? context.nextId('toolu') }));
}

function contentBlocks(answer: ScriptedAnswer, context: AnswerContext) {
  if (answer.kind === 'text') return [{ type: 'text', text: answer.chunks.join('') }];
  return toolUses(answer, context).map((call) => ({
    type: 'tool_use',
    id: call.id,
    name: call.name,
    input: JSON.parse(call.argumentsJson) as unknown,
  }));
}

function stopReason(answer: ScriptedAnswer): string {
  return answer.kind === 'text' ? 'end_turn' : 'tool_use';
}

export const anthropicMessagesFormat: WireFormat = {
  body(answer, context) {
    return {
      id: context.nextId('msg'),
      type: 'message',
      role: 'assistant',
      model: context.model,
      content: contentBlocks(answer, context),
      stop_reason: stopReason(answer),
      stop_sequence: null,
      usage: { ...inputUsage(answer.usage), ...outputUsage(answer.usage) },
    };
  },

  events(answer, context) {
    const events: SseEvent[] = [
      {
        event: 'message_start',
        data: {
          message: {
            id: context.nextId('msg'),
            type: 'message',
            role: 'assistant',
            model: context.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { ...inputUsage(answer.usage), output_tokens: 1 },
          },
        },
      },
      { event: 'ping', data: {} },
    ];

    const blockEvents = (index: number, contentBlock: object, deltas: object[]): SseEvent[] => [
      { event: 'content_block_start', data: { index, content_block: contentBlock } },
      ...deltas.map((delta) => ({
        event: 'content_block_delta',
        data: { index, delta },
        textDelta: 'text' in delta,
      })),
      { event: 'content_block_stop', data: { index } },
    ];
    if (answer.kind === 'text') {
      events.push(
        ...blockEvents(
          0,
          { type: 'text', text: '' },
          answer.chunks.map((text) => ({ type: 'text_delta', text })),
        ),
      );
    } else {
      toolUses(answer, context).forEach((call, index) => {
        events.push(
          ...blockEvents(
            index,
            // Real streams announce the block with an empty input and send the JSON as deltas.
            { type: 'tool_use', id: call.id, name: call.name, input: {} },
            splitArguments(call.argumentsJson).map((partial_json) => ({ type: 'input_json_delta', partial_json })),
          ),
        );
      });
    }

    events.push({
      event: 'message_delta',
      data: { delta: { stop_reason: stopReason(answer), stop_sequence: null }, usage: outputUsage(answer.usage) },
      terminal: true,
    });
    events.push({ event: 'message_stop', data: {}, terminal: true });

    // Anthropic repeats the event name as `type` inside every payload.
    return events.map((event) => ({ ...event, data: { type: event.event, ...(event.data as object) } }));
  },

  errorBody(status, message) {
    return { type: 'error', error: { type: anthropicErrorType(status), message } };
  },

  streamError(errorType, message) {
    return { event: 'error', data: { type: 'error', error: { type: errorType, message } } };
  },
};

function anthropicErrorType(status: FakeLlmErrorStatus | 404): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    case 500:
      return 'api_error';
    case 503:
      return 'overloaded_error';
  }
}
