import { createHash } from 'node:crypto';
import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3FunctionTool,
  type LanguageModelV3Prompt,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { abortableSleep } from './abortable-sleep.js';
import { exampleFor } from './json-example.js';
import { parseMockOptions, type MockOptions } from './mock-options.js';

/** Calls per model id in this process, so `failTimes` and `json=invalid-once` can count. */
const callCounts = new Map<string, number>();

const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content
          .map((part: { type?: string; text?: string; output?: { value?: unknown } }) =>
            part.type === 'text'
              ? (part.text ?? '')
              : part.type === 'tool-result'
                ? JSON.stringify(part.output?.value ?? '')
                : '',
          )
          .join(' ')
      : '';

const promptText = (prompt: LanguageModelV3Prompt): string => prompt.map((message) => textOf(message.content)).join('\n');

/**
 * What the mock says: derived only from the prompt (and the options), so the same conversation always
 * gets the same reply. After a tool result it summarises it; asked to "ask" a tool it calls one; asked
 * for JSON it returns an example of the schema; otherwise it echoes the last user message.
 */
function decide(options: MockOptions, call: LanguageModelV3CallOptions, callNumber: number): LanguageModelV3Content[] {
  const last = call.prompt.at(-1);
  const lastUser = [...call.prompt].reverse().find((message) => message.role === 'user');
  const userText = textOf(lastUser?.content).trim();
  const digest = createHash('sha256').update(promptText(call.prompt)).digest('hex').slice(0, 8);
  const tools = (call.tools ?? []).filter((tool): tool is LanguageModelV3FunctionTool => tool.type === 'function');

  const callTool = (): LanguageModelV3Content[] => {
    const lower = userText.toLowerCase();
    const named = tools.find((candidate) =>
      lower.includes((candidate.description ?? candidate.name).toLowerCase().split(':')[0] ?? ''),
    );
    const tool = named ?? tools[0];
    const preface: LanguageModelV3Content[] = options.preface ? [{ type: 'text', text: options.preface }] : [];
    return tool
      ? [
          ...preface,
          {
            type: 'tool-call',
            toolCallId: `mock-call-${digest}`,
            toolName: tool.name,
            input: JSON.stringify({ question: userText }),
          },
        ]
      : [];
  };
  if (tools.length > 0 && options.tools === 'always') return callTool();
  if (last?.role === 'tool') {
    return [{ type: 'text', text: `Mock summary of the tool answers: ${textOf(last.content).slice(0, 500)}` }];
  }
  if (tools.length > 0 && options.tools === 'auto' && /\bask\b/i.test(userText)) return callTool();
  if (options.reply !== null) return [{ type: 'text', text: options.reply }];
  if (call.responseFormat?.type === 'json') {
    if (options.json === 'invalid-once' && callNumber === 1) return [{ type: 'text', text: '{"not": "what you asked for"' }];
    return [{ type: 'text', text: JSON.stringify(exampleFor(call.responseFormat.schema ?? { type: 'object' }, digest)) }];
  }
  const reply = `Mock reply to "${userText.slice(0, 200)}" (${digest}).`;
  return [{ type: 'text', text: reply }];
}

function usageFor(
  options: MockOptions,
  call: LanguageModelV3CallOptions,
  content: LanguageModelV3Content[],
): LanguageModelV3Usage {
  const input = options.inputTokens ?? estimateTokens(promptText(call.prompt));
  const outputText = content
    .map((part) => (part.type === 'text' ? part.text : part.type === 'tool-call' ? part.input : ''))
    .join('');
  const output = options.outputTokens ?? estimateTokens(outputText) + options.reasoningTokens;
  const cacheRead = Math.min(options.cachedInputTokens, input);
  const cacheWrite = Math.min(options.cacheWriteTokens, input - cacheRead);
  const reasoning = Math.min(options.reasoningTokens, output);
  return {
    inputTokens: { total: input, noCache: input - cacheRead - cacheWrite, cacheRead, cacheWrite },
    outputTokens: { total: output, text: output - reasoning, reasoning },
  };
}

function failure(options: MockOptions, modelId: string): APICallError | null {
  if (options.fail === '429') {
    return new APICallError({
      message: 'Mock rate limit (429)',
      url: `mock://${modelId}`,
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'retry-after': '1' },
      isRetryable: true,
    });
  }
  if (options.fail === '500') {
    return new APICallError({
      message: 'Mock server error (500)',
      url: `mock://${modelId}`,
      requestBodyValues: {},
      statusCode: 500,
      isRetryable: true,
    });
  }
  return null;
}

/** Splits a reply into word-sized deltas so clients see real streaming. */
const chunksOf = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [text];

/**
 * The built-in offline provider, implementing the AI SDK's LanguageModelV3 so it runs through exactly
 * the same path as real providers. Configured per model id (see `MockOptions`).
 */
export function createMockModel(modelId: string): LanguageModelV3 {
  const options = parseMockOptions(modelId);

  async function begin(call: LanguageModelV3CallOptions) {
    const callNumber = (callCounts.get(modelId) ?? 0) + 1;
    callCounts.set(modelId, callNumber);
    await abortableSleep(options.latencyMs, call.abortSignal);
    const failing = options.fail !== null && (options.failTimes === null || callNumber <= options.failTimes);
    if (failing) {
      if (options.fail === 'timeout') await abortableSleep(2_147_000_000, call.abortSignal);
      throw failure(options, modelId);
    }
    const content = decide(options, call, callNumber);
    return { content, usage: usageFor(options, call, content) };
  }

  const finishReason = (content: LanguageModelV3Content[]) =>
    ({ unified: content.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop', raw: undefined }) as const;

  return {
    specificationVersion: 'v3',
    provider: 'mock',
    modelId,
    supportedUrls: {},
    async doGenerate(call) {
      const { content, usage } = await begin(call);
      return { content, usage, finishReason: finishReason(content), warnings: [] };
    },
    async doStream(call) {
      const { content, usage } = await begin(call);
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          try {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            for (const [index, part] of content.entries()) {
              if (part.type === 'text') {
                const id = `text-${index}`;
                controller.enqueue({ type: 'text-start', id });
                for (const delta of chunksOf(part.text)) {
                  if (options.chunkDelayMs > 0) await abortableSleep(options.chunkDelayMs, call.abortSignal);
                  controller.enqueue({ type: 'text-delta', id, delta });
                }
                controller.enqueue({ type: 'text-end', id });
              } else if (part.type === 'tool-call') {
                controller.enqueue(part);
              }
            }
            controller.enqueue({ type: 'finish', usage, finishReason: finishReason(content) });
            controller.close();
          } catch (error) {
            controller.error(error);
          }
        },
      });
      return { stream };
    },
  };
}
