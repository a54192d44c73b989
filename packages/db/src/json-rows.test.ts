import { createTestDatabase } from '@agent-fleet/testing';
import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { excludedSet, insertJsonRows } from './json-rows.js';

const sample = pgTable('json_rows_sample', {
  id: uuid('id').primaryKey(),
  label: text('label'),
  count: integer('count').notNull().default(7),
  big: bigint('big', { mode: 'number' }).notNull().default(0),
  costUsd: numeric('cost_usd', { precision: 20, scale: 10, mode: 'number' }).notNull().default(0),
  data: jsonb('data').$type<unknown>(),
  at: timestamp('at', { withTimezone: true, precision: 3 }),
});

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.execute(
    sql.raw(`create table json_rows_sample (id uuid primary key, label text, count integer not null default 7,
      big bigint not null default 0, cost_usd numeric(20, 10) not null default 0, data jsonb, at timestamptz(3))`),
  );
});
afterAll(() => handle.close());

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const read = async (n: number) =>
  (
    await handle.db
      .select()
      .from(sample)
      .where(sql`${sample.id} = ${id(n)}`)
  )[0];

describe('insertJsonRows', () => {
  it('writes every column type the engine uses as the query builder would', async () => {
    const at = new Date('2026-12-07T10:11:12.345Z');
    const tricky = 'quote " backslash \\ newline \n tab \t emoji 🚀 accent é';
    const first = {
      id: id(1),
      label: tricky,
      count: 3,
      big: 2 ** 40,
      costUsd: 0.0000000123,
      data: { nested: [1, 'two', null], s: tricky },
      at,
    };
    await handle.db.execute(
      insertJsonRows(sample, [
        first,
        { id: id(2), label: null, count: 4, big: 1, costUsd: 12.5, data: 'a JSON string', at: null },
        { id: id(3), label: 'x', count: 5, big: 0, costUsd: 0, data: null, at },
        { id: id(4), label: 'y', count: 6, big: 0, costUsd: 0, data: [true, 0.5], at },
      ]),
    );
    expect(await read(1)).toEqual(first);
    expect(await read(2)).toMatchObject({ label: null, costUsd: 12.5, data: 'a JSON string', at: null });
    // A JSON null is SQL NULL, as the query builder writes it.
    const nulls = (await handle.db.execute(
      sql`select data is null as missing from json_rows_sample where id = ${id(3)}`,
    )) as unknown as {
      rows: { missing: boolean }[];
    };
    expect(nulls.rows).toEqual([{ missing: true }]);
    expect((await read(4))?.data).toEqual([true, 0.5]);
  });

  it('gives a column no row names its default, and a key some row lacks null', async () => {
    await handle.db.execute(
      insertJsonRows(sample, [
        { id: id(10), label: 'has a label' },
        { id: id(11), notAColumn: 'ignored' },
      ]),
    );
    expect(await read(10)).toMatchObject({ label: 'has a label', count: 7, big: 0, costUsd: 0, data: null });
    expect(await read(11)).toMatchObject({ label: null, count: 7 });
  });

  it('upserts with excludedSet: named columns are replaced, added ones summed', async () => {
    await handle.db.execute(insertJsonRows(sample, [{ id: id(20), label: 'before', count: 1, costUsd: 0.1 }]));
    const upsert = sql` on conflict ("id") do update set ${excludedSet(sample, ['label'], ['count', 'costUsd'])}`;
    await handle.db.execute(
      sql`${insertJsonRows(sample, [
        { id: id(20), label: 'after', count: 2, costUsd: 0.2 },
        { id: id(21), label: 'new', count: 9, costUsd: 1 },
      ])}${upsert}`,
    );
    expect(await read(20)).toMatchObject({ label: 'after', count: 3, costUsd: 0.3 });
    expect(await read(21)).toMatchObject({ label: 'new', count: 9, costUsd: 1 });
    expect(() => excludedSet(sample, ['nope'])).toThrow(/no column nope/);
  });
});
