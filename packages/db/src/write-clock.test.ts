import { storedModelAgent } from '@agent-fleet/core';
import { AgentCreateSchema } from '@agent-fleet/contracts';
import { buildAgentInput, createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import type { DatabaseHandle } from './database.js';
import { agents } from './schema.js';

let handle: DatabaseHandle;
let repository: DrizzleAgentRepository;
let workspaceId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  repository = new DrizzleAgentRepository(handle.db);
  workspaceId = await insertWorkspace(handle.db, 'Clock');
});
afterAll(() => handle.close());

const newAgent = () => storedModelAgent(AgentCreateSchema.parse(buildAgentInput()));

describe('DatabaseHandle.writes', () => {
  it('moves after a write outside a transaction, not after a read', async () => {
    const before = handle.writes.version;
    await handle.db.select().from(agents).limit(1);
    await handle.db.execute(sql`select 1`);
    expect(handle.writes.version).toBe(before);
    await repository.insert(workspaceId, newAgent());
    expect(handle.writes.version).toBeGreaterThan(before);
  });

  it('moves once a transaction that wrote has committed', async () => {
    const before = handle.writes.version;
    let afterWrite = -1;
    await handle.db.transaction(async (tx) => {
      await new DrizzleAgentRepository(tx as never).insert(workspaceId, newAgent());
      afterWrite = handle.writes.version;
    });
    expect(handle.writes.version).toBeGreaterThan(Math.max(before, afterWrite));
  });

  it('stays put across a transaction that only read', async () => {
    const before = handle.writes.version;
    await handle.db.transaction(async (tx) => {
      await tx.select().from(agents).limit(1);
    });
    expect(handle.writes.version).toBe(before);
  });

  it('counts a statement it does not recognise as a write', async () => {
    const before = handle.writes.version;
    await handle.db.execute(sql`with changed as (update agents set name = name where false returning id) select id from changed`);
    expect(handle.writes.version).toBeGreaterThan(before);
  });
});
