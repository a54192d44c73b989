import { describe, expect, it } from 'vitest';
import { LoopTurns } from './loop-turns.js';

/**
 * Work in microtasks only, each piece taking 1 ms of a fake clock: without a turn, an immediate waits
 * for all of it. Returns after how many pieces the immediate ran (null: not within `pieces`).
 */
async function piecesUntilTurn(sliceMs: number, pieces: number): Promise<number | null> {
  let clock = 0;
  const turns = new LoopTurns(sliceMs, () => clock);
  let turned = false;
  setImmediate(() => (turned = true));
  for (let piece = 1; piece <= pieces; piece += 1) {
    clock += 1;
    await turns.turn();
    if (turned) return piece;
  }
  return null;
}

describe('LoopTurns', () => {
  it('lets the event loop turn once work has held it for the slice, and not before', async () => {
    // The first piece starts the stretch at 1 ms; the turn comes when 10 ms have passed since: piece 11.
    expect(await piecesUntilTurn(10, 300)).toBe(11);
  });

  it('costs no turn while the slice lasts', async () => {
    expect(await piecesUntilTurn(1000, 20)).toBeNull();
  });
});
