import type { TokenUsage } from '@agent-fleet/contracts';

type InputUsage = Pick<TokenUsage, 'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens'>;
type OutputUsage = Pick<TokenUsage, 'outputTokens' | 'reasoningTokens'>;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

/**
 * Reads usage from the providers' raw stream chunks, for what the AI SDK does not pass on: the input
 * Anthropic reports in `message_start` (so a stream cut later still records the billed input), and its
 * 1-hour cache writes (`usage.cache_creation.ephemeral_1h_input_tokens`), priced apart from 5-minute ones.
 */
export class RawUsageReader {
  input: InputUsage | null = null;
  output: OutputUsage | null = null;
  /** Of the cache writes, those written for one hour (Anthropic reports them apart). */
  cacheWrite1hTokens = 0;

  /** Whether the provider reported both input and output. */
  get complete(): boolean {
    return this.input !== null && this.output !== null;
  }

  read(chunk: unknown): void {
    const value = record(chunk);
    if (!value) return;
    if (value['type'] === 'message_start') this.anthropic(record(record(value['message'])?.['usage']));
    else if (value['type'] === 'message_delta') this.anthropic(record(value['usage']));
    else if (record(value['response'])?.['usage']) this.responses(record(record(value['response'])?.['usage']));
    else if (record(value['usage'])?.['prompt_tokens'] !== undefined) this.chat(record(value['usage']));
  }

  /** Anthropic's `input_tokens` excludes cache reads and writes; the totals here include them. */
  private anthropic(usage: Record<string, unknown> | null): void {
    if (!usage) return;
    if (usage['input_tokens'] !== undefined || usage['cache_read_input_tokens'] !== undefined) {
      const cacheRead = num(usage['cache_read_input_tokens']);
      const cacheWrite = num(usage['cache_creation_input_tokens']);
      this.input = {
        inputTokens: num(usage['input_tokens']) + cacheRead + cacheWrite,
        cachedInputTokens: cacheRead,
        cacheWriteTokens: cacheWrite,
      };
      const split = record(usage['cache_creation']);
      if (split) this.cacheWrite1hTokens = num(split['ephemeral_1h_input_tokens']);
    }
    // `message_start` carries a placeholder output count; the real one comes with `message_delta`.
    if (usage['output_tokens'] !== undefined && this.input !== null && usage['input_tokens'] === undefined) {
      this.output = {
        outputTokens: num(usage['output_tokens']),
        reasoningTokens: num(record(usage['output_tokens_details'])?.['thinking_tokens']),
      };
    }
  }

  private responses(usage: Record<string, unknown> | null): void {
    if (!usage) return;
    const details = record(usage['input_tokens_details']);
    this.input = {
      inputTokens: num(usage['input_tokens']),
      cachedInputTokens: num(details?.['cached_tokens']),
      cacheWriteTokens: num(details?.['cache_write_tokens']),
    };
    this.output = {
      outputTokens: num(usage['output_tokens']),
      reasoningTokens: num(record(usage['output_tokens_details'])?.['reasoning_tokens']),
    };
  }

  private chat(usage: Record<string, unknown> | null): void {
    if (!usage) return;
    const details = record(usage['prompt_tokens_details']);
    this.input = {
      inputTokens: num(usage['prompt_tokens']),
      cachedInputTokens: num(details?.['cached_tokens']),
      cacheWriteTokens: num(details?.['cache_write_tokens']),
    };
    this.output = {
      outputTokens: num(usage['completion_tokens']),
      reasoningTokens: num(record(usage['completion_tokens_details'])?.['reasoning_tokens']),
    };
  }
}
