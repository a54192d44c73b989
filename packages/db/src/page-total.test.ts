import { PAGE_COUNT_LIMIT } from '@agent-fleet/contracts';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import type { DatabaseHandle } from './database.js';

let handle: DatabaseHandle;
afterAll(() => handle.close());
beforeAll(async () => {
  handle = await createTestDatabase();
});

async function workspaceWithConversations(n: number): Promise<string> {
  const workspaceId = await insertWorkspace(handle.db, 'Totals');
  const agent = await insertAgent(handle.db, workspaceId);
  await handle.db.execute(sql`
    insert into conversations (workspace_id, agent_id, title)
    select ${workspaceId}, ${agent.id}, 'Chat ' || n from generate_series(1, ${n}) n`);
  return workspaceId;
}

describe('page totals', () => {
  it('stop counting a growing list past the limit and say the total is a lower bound', async () => {
    const workspaceId = await workspaceWithConversations(PAGE_COUNT_LIMIT + 5);
    const conversations = new DrizzleConversationRepository(handle.db);
    const first = await conversations.list(workspaceId, { limit: 2 });
    expect(first).toMatchObject({ total: PAGE_COUNT_LIMIT, totalIsLowerBound: true });
    expect(first.items).toHaveLength(3);
  });

  it('are exact below the limit, on the first page and after a cursor', async () => {
    const workspaceId = await workspaceWithConversations(3);
    const conversations = new DrizzleConversationRepository(handle.db);
    const exact = async (page: Promise<{ total: number; totalIsLowerBound?: boolean }>) => {
      const { total, totalIsLowerBound } = await page;
      return { total, totalIsLowerBound };
    };
    expect(await exact(conversations.list(workspaceId, { limit: 2 }))).toEqual({ total: 3, totalIsLowerBound: undefined });
    expect(await exact(conversations.list(workspaceId, { limit: 5 }))).toEqual({ total: 3, totalIsLowerBound: undefined });
    const after = { sort: '-activity', value: '2100-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' };
    expect(await exact(conversations.list(workspaceId, { limit: 1, after }))).toEqual({ total: 3, totalIsLowerBound: undefined });
  });

  it('count lists that stay small exactly, however long', async () => {
    const workspaceId = await insertWorkspace(handle.db, 'Agents');
    const agent = await insertAgent(handle.db, workspaceId);
    await handle.db.execute(sql`
      insert into agents (workspace_id, name, model, system_prompt, limits)
      select workspace_id, 'Bulk agent ' || n, model, system_prompt, limits
      from agents, generate_series(1, ${PAGE_COUNT_LIMIT + 1}) n where id = ${agent.id}`);
    const page = await new DrizzleAgentRepository(handle.db).list(workspaceId, { limit: 1, sort: 'name' });
    expect(page.total).toBe(PAGE_COUNT_LIMIT + 2);
    expect(page.totalIsLowerBound).toBeUndefined();
  });
});
