/**
 * OpenAI chat completions (`POST /v1/chat/completions`), spoken by `createOpenAICompatible` and by
 * `openai.chat(...)`. Events are data-only and end with `data: [DONE]`; the usage chunk (empty `choices`)
 * is sent only when the request set `stream_options.include_usage`, as the real API does, so a client that
 * forgets to ask for it sees no usage. Shapes satisfy both SDK schemas: the stricter `openai.chat` one
 * requires `index` on choices and tool-call deltas.
 */
import { openAIErrorBody } from './openai-responses.js';
import type { FakeLlmUsage } from './script.js';
import type { AnswerContext, ScriptedAnswer, SseEvent, WireFormat } from './wire-format.js';
import { splitArguments } from './wire-format.js';

/** Usage in chat terms: `prompt_tokens` already includes cached tokens. */
function chatUsage(usage: FakeLlmUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      ...(usage.cacheWriteTokens !== undefined && { cache_write_tokens: usage.cacheWriteTokens }),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

function toolCallsWithIds(answer: ScriptedAnswer & { kind: 'tool-calls' }, context: AnswerContext) {
  return answer.calls.map((call) => ({ ...call, id: call.id ?? context.nextId('call') }));
}

function finishReason(answer: ScriptedAnswer): string {
  return answer.kind === 'text' ? 'stop' : 'tool_calls';
}

export const openAIChatFormat: WireFormat = {
  body(answer, context) {
    const message =
      answer.kind === 'text'
        ? { role: 'assistant', content: answer.chunks.join(''), refusal: null }
        : {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: toolCallsWithIds(answer, context).map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.argumentsJson },
            })),
          };
    return {
      id: context.nextId('chatcmpl'),
      object: 'chat.completion',
      created: context.created,
      model: context.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(answer) }],
      usage: chatUsage(answer.usage),
    };
  },

  events(answer, context) {
    const id = context.nextId('chatcmpl');
    const chunk = (choices: unknown[], extra: object = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      choices,
      ...extra,
    });
    const delta = (value: object, finish: string | null = null) =>
      chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finish }]);

    const events: SseEvent[] = [{ data: delta({ role: 'assistant', content: '', refusal: null }) }];
    if (answer.kind === 'text') {
      for (const content of answer.chunks) events.push({ data: delta({ content }), textDelta: true });
    } else {
      toolCallsWithIds(answer, context).forEach((call, index) => {
        // The first delta of a call names it; later ones only append to its arguments.
        events.push({
          data: delta({
            tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
          }),
        });
        for (const piece of splitArguments(call.argumentsJson)) {
          events.push({ data: delta({ tool_calls: [{ index, function: { arguments: piece } }] }) });
        }
      });
    }
    events.push({ data: delta({}, finishReason(answer)), terminal: true });

    const streamOptions = context.body.stream_options as { include_usage?: unknown } | undefined;
    if (streamOptions?.include_usage === true) {
      events.push({ data: chunk([], { usage: chatUsage(answer.usage) }), terminal: true });
    }
    events.push({ data: '[DONE]', terminal: true });
    return events;
  },

  errorBody: openAIErrorBody,

  streamError(errorType, message) {
    return { data: { error: { message, type: errorType, param: null, code: errorType } } };
  },
};
