import { randomUUID } from 'node:crypto';
import type { CursorPosition, MessageRecord } from '@agent-fleet/core';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleConversationRepository } from './conversation-repository.js';
import type { Database, DatabaseHandle } from './database.js';
import { DrizzleMessageRepository } from './message-repository.js';

let handle: DatabaseHandle;
let db: Database;
let repository: DrizzleMessageRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  repository = new DrizzleMessageRepository(db);
});
afterAll(() => handle.close());

async function setup() {
  const workspaceId = await insertWorkspace(db, 'Messages');
  const agent = await insertAgent(db, workspaceId);
  const conversation = await new DrizzleConversationRepository(db).insert(workspaceId, {
    agentId: agent.id,
    title: 'Thread',
    variables: {},
    createdBy: null,
  });
  return { workspaceId, conversationId: conversation.id };
}

const userMessage = (conversationId: string, content: string): Omit<MessageRecord, 'id' | 'createdAt' | 'seq'> => ({
  conversationId,
  role: 'user',
  content,
  contentBlobKey: null,
  toolCalls: [],
  status: 'complete',
  error: null,
  provider: null,
  model: null,
  mock: false,
  usage: null,
  costUsd: null,
  taskId: null,
});

describe('DrizzleMessageRepository', () => {
  it('stores an assistant message with its tool calls, usage and cost, under the id the caller chose', async () => {
    const { workspaceId, conversationId } = await setup();
    const id = randomUUID();
    const taskId = randomUUID();
    const stored = await repository.insert(workspaceId, {
      id,
      conversationId,
      role: 'assistant',
      content: '',
      contentBlobKey: `conversations/${conversationId}/messages/${id}.txt`,
      toolCalls: [{ id: 'call-1', name: 'lookup', input: { q: 'x' }, output: 'found', isError: false }],
      status: 'failed',
      error: { code: 'provider_error', message: 'Boom' },
      provider: 'openai',
      model: 'gpt-4o',
      mock: false,
      usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 2, cacheWriteTokens: 1, reasoningTokens: 3 },
      costUsd: 0.0000125,
      taskId,
    });
    expect(stored).toMatchObject({ id, taskId, costUsd: 0.0000125, status: 'failed' });
    expect(stored.seq).toMatch(/^\d+$/);
    expect(await repository.all(workspaceId, conversationId)).toEqual([stored]);
  });

  it('keeps insertion order for messages written in the same millisecond, and pages by it', async () => {
    const { workspaceId, conversationId } = await setup();
    // One transaction: now() is the same instant for every row, and the ids run backwards, so neither
    // created_at nor id could give the order back.
    const ids = Array.from({ length: 7 }, () => randomUUID())
      .sort()
      .reverse();
    const inserted = await db.transaction(async (tx) => {
      const inTx = new DrizzleMessageRepository(tx);
      const rows: MessageRecord[] = [];
      for (const [index, id] of ids.entries()) {
        rows.push(await inTx.insert(workspaceId, { ...userMessage(conversationId, `m${index}`), id }));
      }
      return rows;
    });
    expect(new Set(inserted.map((row) => row.createdAt)).size).toBe(1);

    expect((await repository.all(workspaceId, conversationId)).map((row) => row.content)).toEqual(
      ids.map((_, index) => `m${index}`),
    );

    const seen: string[] = [];
    let after: CursorPosition | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { items, total } = await repository.list(workspaceId, conversationId, {
        limit: 2,
        order: 'asc',
        ...(after ? { after } : {}),
      });
      expect(total).toBe(7);
      seen.push(...items.slice(0, 2).map((row) => row.id));
      const last = items[1];
      if (items.length <= 2 || !last) break;
      after = { sort: 'seq', value: last.seq, id: last.id };
    }
    expect(seen).toEqual(ids);
  });

  it('shows nothing of another workspace', async () => {
    const { workspaceId, conversationId } = await setup();
    await repository.insert(workspaceId, userMessage(conversationId, 'secret'));
    const other = (await setup()).workspaceId;
    expect(await repository.all(other, conversationId)).toEqual([]);
    expect(await repository.list(other, conversationId, { limit: 10, order: 'asc' })).toEqual({ items: [], total: 0 });
  });
});
