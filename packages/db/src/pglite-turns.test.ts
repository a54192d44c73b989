import type { PGlite } from '@electric-sql/pglite';
import { createMigratedPglite } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteWithTurns } from './pglite-turns.js';

// A statement that keeps PGlite (and so this thread) busy for about a millisecond.
const BUSY = 'select sum(i) from generate_series(1, 20000) i';

/** How many times the event loop got a turn (a `setImmediate` ran) while `work` ran. */
async function loopTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return turns;
}

let raw: PGlite;
beforeAll(async () => {
  raw = await createMigratedPglite();
});
afterAll(async () => {
  await raw.close();
});

describe('PGlite with turns for the event loop', () => {
  it('gives the loop turns while a burst of 200 statements runs (raw PGlite gives it almost none)', async () => {
    const burst = (client: PGlite) => Promise.all(Array.from({ length: 200 }, () => client.query(BUSY)));
    const withTurns = await loopTurnsDuring(() => burst(pgliteWithTurns(raw)));
    const without = await loopTurnsDuring(() => burst(raw));
    expect(without).toBeLessThanOrEqual(2);
    expect(withTurns).toBeGreaterThanOrEqual(10);
  });

  it('gives the loop turns inside a long transaction, which still commits as one', async () => {
    const client = pgliteWithTurns(raw);
    await client.exec('create table if not exists turns_probe (n int)');
    const turns = await loopTurnsDuring(() =>
      client.transaction(async (tx) => {
        for (let i = 0; i < 100; i += 1) {
          await tx.query(BUSY);
          await tx.query('insert into turns_probe (n) values ($1)', [i]);
        }
      }),
    );
    expect(turns).toBeGreaterThanOrEqual(5);
    expect((await client.query<{ count: number }>('select count(*)::int as count from turns_probe')).rows[0]?.count).toBe(100);
  });

  it('keeps the order statements arrive in, and a failing one does not stop the next', async () => {
    const client = pgliteWithTurns(raw, 0);
    await client.exec('create table if not exists turns_order (n int)');
    const writes = Array.from({ length: 50 }, (_, i) =>
      i === 10
        ? client.query('insert into no_such_table values (1)')
        : client.query('insert into turns_order (n) values ($1)', [i]),
    );
    const settled = await Promise.allSettled(writes);
    expect(settled.filter((result) => result.status === 'rejected')).toHaveLength(1);
    const { rows } = await client.query<{ n: number }>('select n from turns_order order by ctid');
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 10));
  });
});
