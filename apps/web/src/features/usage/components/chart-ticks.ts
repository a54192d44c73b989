/**
 * Round axis ticks from 0 up to at least `max`: steps of 1, 2, 2.5 or 5 times a power of ten, about
 * `count` of them. An all-zero series still gets an axis from 0 to 1.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 does not print as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let index = 0; ticks.at(-1) === undefined || (ticks.at(-1) as number) < max; index++) {
    ticks.push(Number((index * step).toFixed(digits)));
  }
  return ticks;
}
