/**
 * OpenAI Responses API (`POST /v1/responses`), the endpoint `createOpenAI(...)(modelId)` calls by
 * default in @ai-sdk/openai v3. Shapes follow the SDK's `openaiResponsesChunkSchema` and
 * `openaiResponsesResponseSchema`; the SDK ignores unmodelled events (`response.in_progress`,
 * `response.content_part.*`, `response.output_text.done`), which are sent anyway so the stream looks like
 * the real one.
 */
import type { FakeLlmErrorStatus, FakeLlmUsage } from './script.js';
import type { AnswerContext, ScriptedAnswer, SseEvent, WireFormat } from './wire-format.js';
import { splitArguments } from './wire-format.js';

/** Usage in Responses terms: `input_tokens` already includes cached reads and writes. */
function responsesUsage(usage: FakeLlmUsage) {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      ...(usage.cacheWriteTokens !== undefined && { cache_write_tokens: usage.cacheWriteTokens }),
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** Output items in their final (`completed`) form, with ids assigned once so stream and body agree. */
function outputItems(answer: ScriptedAnswer, context: AnswerContext) {
  if (answer.kind === 'text') {
    return [
      {
        type: 'message' as const,
        id: context.nextId('msg'),
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: answer.chunks.join(''), annotations: [], logprobs: [] }],
      },
    ];
  }
  return answer.calls.map((call) => ({
    type: 'function_call' as const,
    id: context.nextId('fc'),
    call_id: call.id ?? context.nextId('call'),
    name: call.name,
    arguments: call.argumentsJson,
    status: 'completed',
  }));
}

function responseObject(context: AnswerContext, id: string, status: string, output: unknown[], usage: unknown) {
  return {
    id,
    object: 'response',
    created_at: context.created,
    status,
    error: null,
    incomplete_details: null,
    model: context.model,
    output,
    usage,
  };
}

export const openAIResponsesFormat: WireFormat = {
  body(answer, context) {
    return responseObject(
      context,
      context.nextId('resp'),
      'completed',
      outputItems(answer, context),
      responsesUsage(answer.usage),
    );
  },

  events(answer, context) {
    const responseId = context.nextId('resp');
    const items = outputItems(answer, context);
    const events: SseEvent[] = [
      { event: 'response.created', data: { response: responseObject(context, responseId, 'in_progress', [], null) } },
      {
        event: 'response.in_progress',
        data: { response: responseObject(context, responseId, 'in_progress', [], null) },
      },
    ];

    items.forEach((item, outputIndex) => {
      if (item.type === 'message') {
        events.push({
          event: 'response.output_item.added',
          data: { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } },
        });
        const part = { type: 'output_text', text: '', annotations: [] };
        const base = { item_id: item.id, output_index: outputIndex, content_index: 0 };
        events.push({ event: 'response.content_part.added', data: { ...base, part } });
        if (answer.kind === 'text') {
          for (const delta of answer.chunks) {
            events.push({ event: 'response.output_text.delta', data: { ...base, delta, logprobs: [] }, textDelta: true });
          }
        }
        const text = item.content[0]?.text ?? '';
        events.push({ event: 'response.output_text.done', data: { ...base, text, logprobs: [] } });
        events.push({ event: 'response.content_part.done', data: { ...base, part: { ...part, text } } });
      } else {
        events.push({
          event: 'response.output_item.added',
          data: { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } },
        });
        for (const delta of splitArguments(item.arguments)) {
          events.push({
            event: 'response.function_call_arguments.delta',
            data: { item_id: item.id, output_index: outputIndex, delta },
          });
        }
        events.push({
          event: 'response.function_call_arguments.done',
          data: { item_id: item.id, output_index: outputIndex, arguments: item.arguments },
        });
      }
      events.push({ event: 'response.output_item.done', data: { output_index: outputIndex, item } });
    });

    events.push({
      event: 'response.completed',
      data: { response: responseObject(context, responseId, 'completed', items, responsesUsage(answer.usage)) },
      terminal: true,
    });

    // Real events carry their own name in `type` plus a running sequence number.
    return events.map((event, sequence) => ({
      ...event,
      data: { type: event.event, sequence_number: sequence, ...(event.data as object) },
    }));
  },

  errorBody: openAIErrorBody,

  streamError(errorType, message, sequence) {
    return { event: 'error', data: { type: 'error', sequence_number: sequence, code: errorType, message, param: null } };
  },
};

/** OpenAI's error body (`{ error: { message, type, param, code } }`); chat completions uses it too. */
export function openAIErrorBody(status: FakeLlmErrorStatus | 404, message: string) {
  return { error: { message, ...openAIErrorKind(status), param: null } };
}

function openAIErrorKind(status: FakeLlmErrorStatus | 404): { type: string; code: string | null } {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', code: null };
    case 401:
      return { type: 'invalid_request_error', code: 'invalid_api_key' };
    case 404:
      return { type: 'invalid_request_error', code: 'unknown_url' };
    case 429:
      return { type: 'requests', code: 'rate_limit_exceeded' };
    case 500:
      return { type: 'server_error', code: null };
    case 503:
      return { type: 'server_error', code: 'service_unavailable' };
  }
}
