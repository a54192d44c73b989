import { createTestDatabase } from '@agent-fleet/testing';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from './database.js';
import { isUniqueViolation } from './pg-errors.js';
import { reusableStatement } from './reusable-statement.js';
import { workspaces } from './schema.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const value = sql.placeholder;
const insertWorkspace = reusableStatement((db) =>
  db
    .insert(workspaces)
    .values({ id: value('id'), name: value('name'), slug: value('slug') })
    .returning({ id: workspaces.id, name: workspaces.name, createdAt: workspaces.createdAt })
    .prepare('reusable_statement_test_insert'),
);
const renamed = reusableStatement((db) =>
  db
    .select({ name: sql<string>`coalesce(${value('name')}::text, ${workspaces.name})` })
    .from(workspaces)
    .where(eq(workspaces.id, value('id')))
    .prepare('reusable_statement_test_select'),
);

/** How many prepared statements of the connection `db` runs on hold the insert (in a transaction: its connection). */
async function preparedInserts(db: Database): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(sql`pg_prepared_statements`)
    .where(sql`statement like 'insert into "workspaces"%' and statement like '%returning%'`);
  return row?.count ?? 0;
}

describe('reusableStatement', () => {
  it('runs as one statement prepared on its connection, in and out of transactions', async () => {
    const first = randomUUID();
    const second = randomUUID();
    const counted = await handle.db.transaction(async (tx) => {
      await insertWorkspace(tx as never).execute({ id: first, name: 'First', slug: `first-${first}` });
      await insertWorkspace(tx as never).execute({ id: second, name: 'Second', slug: `second-${second}` });
      return preparedInserts(tx as never);
    });
    expect(counted).toBe(1);
    const [row] = await renamed(handle.db).execute({ id: second, name: null });
    expect(row).toEqual({ name: 'Second' });
    expect(await renamed(handle.db).execute({ id: second, name: 'Other' })).toEqual([{ name: 'Other' }]);
  });

  it('returns its rows as Drizzle maps them', async () => {
    const id = randomUUID();
    const [row] = await insertWorkspace(handle.db).execute({ id, name: 'Mapped', slug: `mapped-${id}` });
    expect(row?.id).toBe(id);
    expect(row?.createdAt).toBeInstanceOf(Date);
  });

  it('fails with the database error, rolls its transaction back, and runs again afterwards', async () => {
    const id = randomUUID();
    const slug = `taken-${id}`;
    await insertWorkspace(handle.db).execute({ id, name: 'Taken', slug });
    const again = randomUUID();
    const failed = await handle.db
      .transaction(async (tx) => {
        await insertWorkspace(tx as never).execute({ id: again, name: 'Lost', slug: `lost-${again}` });
        await insertWorkspace(tx as never).execute({ id: randomUUID(), name: 'Duplicate', slug });
      })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failed, 'workspaces_slug_unique')).toBe(true);
    expect(await renamed(handle.db).execute({ id: again, name: null })).toEqual([]);
    const [row] = await insertWorkspace(handle.db).execute({ id: again, name: 'Kept', slug: `kept-${again}` });
    expect(row?.name).toBe('Kept');
  });
});
