import type { RetryPolicy } from '@agent-fleet/contracts';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A definition's duration (`500ms`, `30s`, `5m`, `2h`, `7d`) in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^([1-9][0-9]*)(ms|s|m|h|d)$/.exec(text);
  if (!match) throw new RangeError(`Not a duration: "${text}"`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * The wait before attempt `attempt + 1` under `policy`: its fixed delay, or the delay doubled per
 * attempt up to `maxDelay`; with jitter (the default) a uniform draw below that, so retries of many runs
 * spread out. No backoff retries at once.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const backoff = policy.backoff;
  if (!backoff) return 0;
  const base = parseDuration(backoff.delay);
  const cap = backoff.maxDelay ? parseDuration(backoff.maxDelay) : Number.POSITIVE_INFINITY;
  const delay = backoff.type === 'fixed' ? base : Math.min(cap, base * 2 ** (attempt - 1));
  return backoff.jitter === false ? delay : Math.round(random() * delay);
}
