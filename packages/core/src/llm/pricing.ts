import type { ModelPrices, TokenUsage } from '@agent-fleet/contracts';

const PER_TOKEN = 1 / 1_000_000;

/** Rounds an amount of USD to 1e-10, the ledger's precision: the one rounding every stored cost goes through. */
export const roundUsd = (usd: number): number => Math.round(usd * 1e10) / 1e10;

/**
 * The USD cost of one call. Usage comes normalised by the AI SDK: `inputTokens` includes cache reads and
 * writes, and `outputTokens` includes reasoning, so each part is priced once at its own rate: uncached
 * input, cache reads, cache writes (5-minute, and 1-hour ones at `cacheWrite1h` when the provider reported
 * them apart), visible output and reasoning. Rounded to 1e-10 USD (the ledger's precision).
 */
export function costOf(usage: TokenUsage, prices: ModelPrices, cacheWrite1hTokens = 0): number {
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens);
  const visibleOutput = Math.max(0, usage.outputTokens - usage.reasoningTokens);
  const longWrites = Math.min(cacheWrite1hTokens, usage.cacheWriteTokens);
  const cost =
    (uncachedInput * prices.input +
      usage.cachedInputTokens * prices.cachedInput +
      (usage.cacheWriteTokens - longWrites) * prices.cacheWrite +
      longWrites * (prices.cacheWrite1h ?? prices.cacheWrite) +
      visibleOutput * prices.output +
      usage.reasoningTokens * prices.reasoning) *
    PER_TOKEN;
  return roundUsd(cost);
}

/** Adds token counts field by field. */
export const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  reasoningTokens: a.reasoningTokens + b.reasoningTokens,
});
