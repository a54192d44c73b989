import type { ModelPrices, TokenUsage } from '@agent-fleet/contracts';

const PER_TOKEN = 1 / 1_000_000;

/**
 * The USD cost of one call. Providers report `inputTokens` including cache reads and writes, and
 * `outputTokens` including reasoning, so each part is priced once at its own rate: uncached input,
 * cache reads, cache writes, visible output and reasoning. Rounded to 1e-10 USD (the ledger's precision).
 */
export function costOf(usage: TokenUsage, prices: ModelPrices): number {
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens);
  const visibleOutput = Math.max(0, usage.outputTokens - usage.reasoningTokens);
  const cost =
    (uncachedInput * prices.input +
      usage.cachedInputTokens * prices.cachedInput +
      usage.cacheWriteTokens * prices.cacheWrite +
      visibleOutput * prices.output +
      usage.reasoningTokens * prices.reasoning) *
    PER_TOKEN;
  return Math.round(cost * 1e10) / 1e10;
}

/** Adds token counts field by field. */
export const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  reasoningTokens: a.reasoningTokens + b.reasoningTokens,
});
