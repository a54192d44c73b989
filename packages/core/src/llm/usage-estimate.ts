import type { TokenUsage } from '@agent-fleet/contracts';
import type { ModelMessage, ToolSet } from 'ai';

/** About four characters a token: the usual rule of thumb for English text and JSON. */
export const estimateTokens = (text: string): number => (text.length === 0 ? 0 : Math.ceil(text.length / 4));

const toolText = (tools: ToolSet): string =>
  Object.entries(tools)
    .map(([name, tool]) => {
      const schema = (tool as { inputSchema?: { jsonSchema?: unknown } }).inputSchema?.jsonSchema;
      return `${name} ${tool.description ?? ''} ${JSON.stringify(schema ?? {})}`;
    })
    .join('\n');

const messageText = (message: ModelMessage): string =>
  typeof message.content === 'string' ? message.content : JSON.stringify(message.content);

/**
 * The input tokens of a request, estimated from what is sent: system prompt, messages, tool definitions
 * and any JSON Schema. Used when the provider reported no usage (a failed, cut, stopped or interrupted call).
 */
export function estimateInputTokens(request: {
  system: string | undefined;
  messages: readonly ModelMessage[];
  tools: ToolSet;
  jsonSchema?: Record<string, unknown> | undefined;
}): number {
  const parts = [request.system ?? '', ...request.messages.map(messageText), toolText(request.tools)];
  if (request.jsonSchema) parts.push(JSON.stringify(request.jsonSchema));
  return estimateTokens(parts.join('\n'));
}

/** Usage when the provider reported none: input as given (reported or estimated), output from the streamed text. */
export const estimatedUsage = (inputTokens: number, streamedOutput: string): TokenUsage => ({
  inputTokens,
  outputTokens: estimateTokens(streamedOutput),
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});
