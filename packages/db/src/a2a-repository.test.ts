import { randomUUID } from 'node:crypto';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleA2ARepository, type A2AAgentScope, type A2ATaskRecord } from './a2a-repository.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import type { DatabaseHandle } from './database.js';
import { DrizzleInstanceRepository } from './instance-repository.js';

let handle: DatabaseHandle;
let repository: DrizzleA2ARepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  repository = new DrizzleA2ARepository(handle.db);
});
afterAll(() => handle.close());

/** A workspace with one agent: each test works in its own corner of the database. */
async function scope(): Promise<A2AAgentScope> {
  const workspaceId = await insertWorkspace(handle.db, 'A2A');
  const agent = await insertAgent(handle.db, workspaceId);
  return { workspaceId, agentId: agent.id };
}

const task = (state: string, statusAt: string, contextId = 'ctx-1'): A2ATaskRecord => {
  const id = randomUUID();
  return { id, contextId, state, statusAt, task: { id, contextId, status: { state, timestamp: statusAt } } };
};

describe('DrizzleA2ARepository', () => {
  it('stores and replaces a task, which only its own workspace and agent can read or overwrite', async () => {
    const mine = await scope();
    const other = await scope();
    const working = task('TASK_STATE_WORKING', '2026-01-01T00:00:00.000Z');
    await repository.saveTask(mine, working, 'server-a');
    const done = { ...working, state: 'TASK_STATE_COMPLETED', statusAt: '2026-01-01T00:00:01.000Z' };
    await repository.saveTask(mine, done, 'server-a');
    expect(await repository.findTask(mine, working.id)).toEqual(done);

    expect(await repository.findTask(other, working.id)).toBeNull();
    // Same workspace, another agent: not its task either.
    const sibling = { workspaceId: mine.workspaceId, agentId: (await insertAgent(handle.db, mine.workspaceId)).id };
    expect(await repository.findTask(sibling, working.id)).toBeNull();
    await repository.saveTask(other, { ...working, state: 'TASK_STATE_FAILED' }, 'server-a');
    expect(await repository.findTask(mine, working.id)).toEqual(done);
  });

  it('lists newest status first, filtered and paged, with the total of the matches', async () => {
    const mine = await scope();
    const tasks = [
      task('TASK_STATE_COMPLETED', '2026-01-01T00:00:01.000Z'),
      task('TASK_STATE_FAILED', '2026-01-01T00:00:02.000Z'),
      task('TASK_STATE_COMPLETED', '2026-01-01T00:00:03.000Z', 'ctx-2'),
      task('TASK_STATE_COMPLETED', '2026-01-01T00:00:04.000Z'),
    ];
    for (const record of tasks) await repository.saveTask(mine, record, null);
    await repository.saveTask(await scope(), task('TASK_STATE_COMPLETED', '2026-01-01T00:00:05.000Z'), null);

    const first = await repository.listTasks(mine, { limit: 2 });
    expect(first.total).toBe(4);
    expect(first.items.map((item) => item.id)).toEqual([tasks[3]?.id, tasks[2]?.id, tasks[1]?.id]);
    const last = first.items[1];
    if (!last) throw new Error('expected a second task');
    const second = await repository.listTasks(mine, { limit: 2, after: last });
    expect(second.items.map((item) => item.id)).toEqual([tasks[1]?.id, tasks[0]?.id]);

    const completedInContext = await repository.listTasks(mine, { limit: 10, contextId: 'ctx-1', state: 'TASK_STATE_COMPLETED' });
    expect(completedInContext.items.map((item) => item.id)).toEqual([tasks[3]?.id, tasks[0]?.id]);
    const recent = await repository.listTasks(mine, { limit: 10, statusAfter: '2026-01-01T00:00:02.000Z' });
    expect(recent.items.map((item) => item.id)).toEqual([tasks[3]?.id, tasks[2]?.id]);
  });

  it('claims a context id once, across workspaces, and forgets it with its conversation', async () => {
    const mine = await scope();
    const other = await scope();
    const conversations = new DrizzleConversationRepository(handle.db);
    const conversation = await conversations.insert(mine.workspaceId, {
      agentId: mine.agentId,
      title: 'A2A',
      variables: {},
      createdBy: null,
    });
    const otherConversation = await conversations.insert(other.workspaceId, {
      agentId: other.agentId,
      title: 'A2A',
      variables: {},
      createdBy: null,
    });
    const contextId = `ctx-${randomUUID()}`;
    expect(await repository.insertContext(mine, contextId, conversation.id)).toBe(true);
    expect(await repository.insertContext(other, contextId, otherConversation.id)).toBe(false);
    expect(await repository.findContext(contextId)).toEqual({ id: contextId, ...mine, conversationId: conversation.id });

    await conversations.delete(mine.workspaceId, conversation.id);
    expect(await repository.findContext(contextId)).toBeNull();
  });

  it('fails the open tasks of servers that are gone, saying why, and leaves live servers’ and finished ones', async () => {
    const mine = await scope();
    const live = `live-${randomUUID()}`;
    await new DrizzleInstanceRepository(handle.db).register({ id: live, host: 'test', pid: 1 }, new Date());
    const open = task('TASK_STATE_WORKING', '2026-01-01T00:00:00.000Z');
    const running = task('TASK_STATE_SUBMITTED', '2026-01-01T00:00:00.000Z');
    const finished = task('TASK_STATE_COMPLETED', '2026-01-01T00:00:00.000Z');
    await repository.saveTask(mine, open, `gone-${randomUUID()}`);
    await repository.saveTask(mine, running, live);
    await repository.saveTask(mine, finished, `gone-${randomUUID()}`);

    expect(await repository.failAbandoned()).toBeGreaterThanOrEqual(1);
    expect(await repository.failAbandoned()).toBe(0);

    const failed = await repository.findTask(mine, open.id);
    expect(failed).toMatchObject({ state: 'TASK_STATE_FAILED' });
    expect(failed?.task).toMatchObject({
      id: open.id,
      status: {
        state: 'TASK_STATE_FAILED',
        message: {
          role: 'ROLE_AGENT',
          taskId: open.id,
          contextId: open.contextId,
          parts: [{ text: expect.stringMatching(/server stopped/) }],
        },
      },
    });
    expect((await repository.findTask(mine, finished.id))?.state).toBe('TASK_STATE_COMPLETED');
    expect((await repository.findTask(mine, running.id))?.state).toBe('TASK_STATE_SUBMITTED');
  });
});
