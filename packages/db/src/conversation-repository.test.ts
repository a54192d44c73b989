import type { CursorPosition } from '@agent-fleet/core';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import { DrizzleAgentTaskRepository } from './agent-task-repository.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import type { Database, DatabaseHandle } from './database.js';
import { DrizzleLlmCallRepository } from './llm-call-repository.js';
import { DrizzleMessageRepository } from './message-repository.js';
import { conversations } from './schema.js';

let handle: DatabaseHandle;
let db: Database;
let repository: DrizzleConversationRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  repository = new DrizzleConversationRepository(db);
});
afterAll(() => handle.close());

/** A new workspace with one agent: every test starts from its own empty corner of the database. */
async function setup() {
  const workspaceId = await insertWorkspace(db, 'Chats');
  const agent = await insertAgent(db, workspaceId);
  const create = (title = 'Hello', agentId = agent.id) =>
    repository.insert(workspaceId, { agentId, title, variables: {}, createdBy: null });
  return { workspaceId, agent, create };
}

const zeroUsage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

describe('DrizzleConversationRepository', () => {
  it('stores a conversation with zero totals and hides it from other workspaces', async () => {
    const { workspaceId, agent } = await setup();
    const created = await repository.insert(workspaceId, {
      agentId: agent.id,
      title: 'Refunds',
      variables: { customer: 'Ada', tier: 2 },
      createdBy: null,
    });
    expect(created).toMatchObject({
      agentId: agent.id,
      title: 'Refunds',
      variables: { customer: 'Ada', tier: 2 },
      messageCount: 0,
      usage: zeroUsage,
      costUsd: 0,
      lastMessageAt: null,
      busy: false,
    });
    expect(await repository.find(workspaceId, created.id)).toEqual(created);

    const other = (await setup()).workspaceId;
    expect(await repository.find(other, created.id)).toBeNull();
    expect(await repository.update(other, created.id, { title: 'Mine now' })).toBeNull();
    expect(await repository.delete(other, created.id)).toBe(false);
    expect(await repository.list(other, { limit: 10 })).toEqual({ items: [], total: 0 });
    expect((await repository.find(workspaceId, created.id))?.title).toBe('Refunds');
  });

  it('lets one turn claim a conversation at a time, even two at once, and reads it busy until that turn releases it', async () => {
    const { workspaceId, create } = await setup();
    const conversation = await create();
    const claim = (owner: string) => ({ turnId: crypto.randomUUID(), owner });
    const [first, second] = [claim('server-a'), claim('server-b')];

    const won = await Promise.all([
      repository.claimTurn(workspaceId, conversation.id, first),
      repository.claimTurn(workspaceId, conversation.id, second),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = won[0] ? first : second;
    expect(await repository.runningTurn(workspaceId, conversation.id)).toEqual(winner);
    expect((await repository.find(workspaceId, conversation.id))?.busy).toBe(true);
    expect((await repository.list(workspaceId, { limit: 10 })).items[0]?.busy).toBe(true);
    const other = (await setup()).workspaceId;
    expect(await repository.claimTurn(other, conversation.id, claim('server-c'))).toBe(false);
    expect(await repository.runningTurn(other, conversation.id)).toBeNull();

    // Another turn's release (a stale one) leaves the claim; the winner's frees the conversation.
    await repository.releaseTurn(workspaceId, conversation.id, crypto.randomUUID());
    expect((await repository.find(workspaceId, conversation.id))?.busy).toBe(true);
    await repository.releaseTurn(workspaceId, conversation.id, winner.turnId);
    expect(await repository.find(workspaceId, conversation.id)).toMatchObject({ busy: false });
    expect(await repository.runningTurn(workspaceId, conversation.id)).toBeNull();
  });

  it('updates only the given fields', async () => {
    const { workspaceId, create } = await setup();
    const created = await create('Before');
    const renamed = await repository.update(workspaceId, created.id, { title: 'After' });
    expect(renamed).toMatchObject({ title: 'After', variables: {} });
    const revalued = await repository.update(workspaceId, created.id, { variables: { a: 1 } });
    expect(revalued).toMatchObject({ title: 'After', variables: { a: 1 } });
  });

  it('adds turns with SQL arithmetic, so concurrent turns both count', async () => {
    const { workspaceId, create } = await setup();
    const { id } = await create();
    const turn = {
      messages: 2,
      usage: { inputTokens: 1000, outputTokens: 200, cachedInputTokens: 600, cacheWriteTokens: 100, reasoningTokens: 50 },
      costUsd: 0.0000125,
    };
    await Promise.all([
      repository.addTurn(workspaceId, id, { ...turn, at: '2026-05-01T10:00:00.000Z' }),
      repository.addTurn(workspaceId, id, { ...turn, at: '2026-05-01T10:00:05.000Z' }),
    ]);
    await repository.addTurn(workspaceId, id, { messages: 1, usage: zeroUsage, costUsd: 0.1, at: '2026-05-01T10:00:07.000Z' });
    const after = await repository.find(workspaceId, id);
    expect(after).toMatchObject({
      messageCount: 5,
      usage: { inputTokens: 2000, outputTokens: 400, cachedInputTokens: 1200, cacheWriteTokens: 200, reasoningTokens: 100 },
      lastMessageAt: '2026-05-01T10:00:07.000Z',
    });
    expect(Math.abs((after?.costUsd ?? 0) - 0.100025)).toBeLessThan(1e-12);
  });

  it('never moves lastMessageAt backwards', async () => {
    const { workspaceId, create } = await setup();
    const { id } = await create();
    await repository.addTurn(workspaceId, id, { messages: 1, usage: zeroUsage, costUsd: 0, at: '2026-05-02T00:00:00.000Z' });
    await repository.addTurn(workspaceId, id, { messages: 1, usage: zeroUsage, costUsd: 0, at: '2026-05-01T00:00:00.000Z' });
    expect((await repository.find(workspaceId, id))?.lastMessageAt).toBe('2026-05-02T00:00:00.000Z');
  });

  it('lists newest activity first and pages through equal timestamps without gaps or duplicates', async () => {
    const { workspaceId, create } = await setup();
    // Three created at the same instant and never used, two sharing a last message time, two older.
    const plan: { created: string; lastMessage?: string }[] = [
      { created: '2026-04-01T00:00:00.000Z' },
      { created: '2026-04-01T00:00:00.000Z' },
      { created: '2026-04-01T00:00:00.000Z' },
      { created: '2026-01-01T00:00:00.000Z', lastMessage: '2026-04-02T00:00:00.000Z' },
      { created: '2026-01-01T00:00:00.000Z', lastMessage: '2026-04-02T00:00:00.000Z' },
      { created: '2026-01-01T00:00:00.000Z', lastMessage: '2026-03-01T00:00:00.000Z' },
      { created: '2026-01-01T00:00:00.000Z' },
    ];
    const rows: { id: string; activity: string }[] = [];
    for (const { created, lastMessage } of plan) {
      const { id } = await create();
      await db
        .update(conversations)
        .set({ createdAt: new Date(created) })
        .where(eq(conversations.id, id));
      if (lastMessage) await repository.addTurn(workspaceId, id, { messages: 1, usage: zeroUsage, costUsd: 0, at: lastMessage });
      rows.push({ id, activity: lastMessage ?? created });
    }
    const expected = rows.sort((a, b) => b.activity.localeCompare(a.activity) || b.id.localeCompare(a.id)).map((row) => row.id);

    const seen: string[] = [];
    let after: CursorPosition | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { items, total } = await repository.list(workspaceId, { limit: 3, ...(after ? { after } : {}) });
      expect(total).toBe(7);
      seen.push(...items.slice(0, 3).map((row) => row.id));
      const last = items[2];
      if (items.length <= 3 || !last) break;
      after = { sort: 'activity', value: last.lastMessageAt ?? last.createdAt, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  it('filters by agent and by title, case-insensitively, with LIKE wildcards taken literally', async () => {
    const { workspaceId, create } = await setup();
    const otherAgent = await insertAgent(db, workspaceId);
    const sale = await create('50% off sale');
    await create('500 items');
    const refund = await create('Refund_policy');
    await create('RefundXpolicy');
    const elsewhere = await create('Refund_policy again', otherAgent.id);
    const titles = async (query: { q?: string; agentId?: string }) => {
      const { items, total } = await repository.list(workspaceId, { limit: 10, ...query });
      expect(total).toBe(items.length);
      return items.map((row) => row.id).sort();
    };
    expect(await titles({ q: '50%' })).toEqual([sale.id]);
    expect(await titles({ q: 'refund_' })).toEqual([refund.id, elsewhere.id].sort());
    expect(await titles({ q: 'REFUND_', agentId: otherAgent.id })).toEqual([elsewhere.id]);
    expect(await titles({ agentId: otherAgent.id })).toEqual([elsewhere.id]);
  });

  it('deletes its messages with it; tasks and ledger rows stay, unlinked', async () => {
    const { workspaceId, agent, create } = await setup();
    const conversation = await create();
    const messages = new DrizzleMessageRepository(db);
    const tasks = new DrizzleAgentTaskRepository(db);
    const ledger = new DrizzleLlmCallRepository(db);
    const task = await tasks.insert(workspaceId, {
      agentId: agent.id,
      kind: 'conversation_turn',
      conversationId: conversation.id,
      parentTaskId: null,
      summary: 'Hi',
      owner: 'test-host:1:tests',
    });
    await messages.insert(workspaceId, {
      conversationId: conversation.id,
      role: 'user',
      content: 'Hi',
      contentBlobKey: null,
      toolCalls: [],
      status: 'complete',
      error: null,
      provider: null,
      model: null,
      mock: false,
      usage: null,
      costUsd: null,
      taskId: task.id,
    });
    const call = await ledger.insert(workspaceId, {
      provider: 'mock',
      model: 'mock-1',
      mock: true,
      usage: zeroUsage,
      costUsd: 0,
      latencyMs: 1,
      timeToFirstTokenMs: null,
      outcome: 'success',
      errorClass: null,
      errorMessage: null,
      attempt: 1,
      fallback: false,
      agentId: agent.id,
      conversationId: conversation.id,
      taskId: task.id,
      runId: null,
      stepId: null,
      promptRef: null,
      estimated: false,
      unpriced: false,
    });

    expect(await repository.delete(workspaceId, conversation.id)).toBe(true);
    expect(await repository.find(workspaceId, conversation.id)).toBeNull();
    expect(await messages.all(workspaceId, conversation.id)).toEqual([]);
    const { items } = await tasks.list(workspaceId, agent.id, { limit: 10 });
    expect(items).toEqual([{ ...task, conversationId: null }]);
    expect((await ledger.list(workspaceId, { limit: 10 })).items).toEqual([call]);
    expect(await repository.delete(workspaceId, conversation.id)).toBe(false);
  });

  it('goes with its agent', async () => {
    const { workspaceId, agent, create } = await setup();
    const conversation = await create();
    await new DrizzleAgentRepository(db).delete(workspaceId, agent.id);
    expect(await repository.find(workspaceId, conversation.id)).toBeNull();
  });
});
