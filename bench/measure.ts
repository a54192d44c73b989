/** Runs `fn` `iterations` times after a warm-up and returns operations per second. */
export async function opsPerSecond(iterations: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, iterations); i += 1) await fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return iterations / seconds;
}

export const format = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
