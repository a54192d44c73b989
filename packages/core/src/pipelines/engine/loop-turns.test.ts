import { describe, expect, it } from 'vitest';
import { LoopTurns } from './loop-turns.js';

/** Keeps the thread busy for `ms`, as engine work between two awaits does. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('LoopTurns', () => {
  it('lets the event loop turn once work has held it for the slice', async () => {
    const turns = new LoopTurns(10);
    let turned = false;
    setImmediate(() => (turned = true));
    const started = performance.now();
    // Work in microtasks only: without a turn, the immediate would wait for all of it (300 ms).
    while (!turned && performance.now() - started < 300) {
      busy(1);
      await turns.turn();
    }
    expect(turned).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('costs no turn while the slice lasts', async () => {
    const turns = new LoopTurns(1000);
    let turned = false;
    setImmediate(() => (turned = true));
    for (let i = 0; i < 20; i += 1) {
      busy(1);
      await turns.turn();
    }
    expect(turned).toBe(false);
  });
});
