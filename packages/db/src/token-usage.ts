import type { TokenUsage } from '@agent-fleet/contracts';

/** The five token columns every usage-bearing table has, as a `TokenUsage`. */
export const usageOf = (row: TokenUsage): TokenUsage => ({
  inputTokens: row.inputTokens,
  outputTokens: row.outputTokens,
  cachedInputTokens: row.cachedInputTokens,
  cacheWriteTokens: row.cacheWriteTokens,
  reasoningTokens: row.reasoningTokens,
});
