import { randomUUID } from 'node:crypto';
import { type AgentTask } from '@agent-fleet/contracts';
import type { CursorPosition } from '@agent-fleet/core';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import { DrizzleAgentTaskRepository } from './agent-task-repository.js';
import type { Database, DatabaseHandle } from './database.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import { DrizzleInstanceRepository } from './instance-repository.js';
import { DrizzleLlmCallRepository } from './llm-call-repository.js';
import { agentTasks } from './schema.js';

let handle: DatabaseHandle;
let db: Database;
let repository: DrizzleAgentTaskRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  repository = new DrizzleAgentTaskRepository(db);
});
afterAll(() => handle.close());

async function setup(database: Database = db) {
  const workspaceId = await insertWorkspace(database, 'Tasks');
  const agent = await insertAgent(database, workspaceId);
  return { workspaceId, agentId: agent.id };
}

/** An owner no instance registered: recovery treats its running tasks as abandoned. */
const GONE = 'gone-host:1:dead';
const LIVE = 'live-host:2:alive';

const task = (agentId: string, summary = 'Do it', owner = GONE) => ({
  agentId,
  kind: 'conversation_turn' as const,
  conversationId: null,
  parentTaskId: null,
  summary,
  owner,
});

/** Registers the instance `LIVE` names, whose work recovery must leave alone. */
const registerLive = (database: Database) =>
  new DrizzleInstanceRepository(database).register({ id: LIVE, host: 'live-host', pid: 2 }, new Date());

const startedAt = (database: Database, id: string, at: string) =>
  database
    .update(agentTasks)
    .set({ startedAt: new Date(at) })
    .where(eq(agentTasks.id, id));

describe('DrizzleAgentTaskRepository', () => {
  it('starts a task as running under the id the caller chose, and finishes it with its duration', async () => {
    const { workspaceId, agentId } = await setup();
    const id = randomUUID();
    const parentTaskId = randomUUID();
    const started = await repository.insert(workspaceId, { ...task(agentId), id, kind: 'agent_tool_call', parentTaskId });
    expect(started).toMatchObject({
      id,
      agentId,
      kind: 'agent_tool_call',
      status: 'running',
      parentTaskId,
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
      costUsd: 0,
      llmCalls: 0,
      finishedAt: null,
      durationMs: null,
      error: null,
    });
    await startedAt(db, id, new Date(Date.now() - 1500).toISOString());

    const usage = { inputTokens: 1000, outputTokens: 400, cachedInputTokens: 300, cacheWriteTokens: 20, reasoningTokens: 100 };
    const finished = await repository.finish(workspaceId, id, {
      status: 'failed',
      usage,
      costUsd: 0.0000125,
      llmCalls: 3,
      error: { code: 'budget_exceeded', message: 'Over budget' },
    });
    expect(finished).toMatchObject({
      status: 'failed',
      usage,
      costUsd: 0.0000125,
      llmCalls: 3,
      error: { code: 'budget_exceeded' },
    });
    const { finishedAt } = finished;
    expect(finishedAt).not.toBeNull();
    expect(finished.durationMs).toBe(Date.parse(finishedAt ?? '') - Date.parse(finished.startedAt));
    expect(finished.durationMs).toBeGreaterThanOrEqual(1500);
  });

  it('does not finish another workspace’s task', async () => {
    const { workspaceId, agentId } = await setup();
    const started = await repository.insert(workspaceId, task(agentId));
    const other = (await setup()).workspaceId;
    await expect(
      repository.finish(other, started.id, { status: 'succeeded', usage: started.usage, costUsd: 0, llmCalls: 0, error: null }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await repository.list(other, agentId, { limit: 10 })).toEqual({ items: [], total: 0 });
  });

  it('lists an agent’s tasks newest first, pages through equal start times, and filters by status', async () => {
    const { workspaceId, agentId } = await setup();
    const otherAgent = (await insertAgent(db, workspaceId)).id;
    await repository.insert(workspaceId, task(otherAgent));
    const times = [
      '2026-06-01T00:00:00.000Z',
      '2026-06-01T00:00:00.000Z',
      '2026-06-01T00:00:00.000Z',
      '2026-06-02T00:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
    ];
    const tasks: AgentTask[] = [];
    for (const at of times) {
      const row = await repository.insert(workspaceId, task(agentId));
      await startedAt(db, row.id, at);
      tasks.push({ ...row, startedAt: at });
    }
    const first = tasks[0] as AgentTask;
    await repository.finish(workspaceId, first.id, {
      status: 'succeeded',
      usage: first.usage,
      costUsd: 0,
      llmCalls: 1,
      error: null,
    });
    const expected = [...tasks]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
      .map((row) => row.id);

    const seen: string[] = [];
    let after: CursorPosition | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { items, total } = await repository.list(workspaceId, agentId, { limit: 2, ...(after ? { after } : {}) });
      expect(total).toBe(5);
      seen.push(...items.slice(0, 2).map((row) => row.id));
      const last = items[1];
      if (items.length <= 2 || !last) break;
      after = { sort: '-startedAt', value: last.startedAt, id: last.id };
    }
    expect(seen).toEqual(expected);

    const succeeded = await repository.list(workspaceId, agentId, { status: 'succeeded', limit: 10 });
    expect(succeeded.items.map((row) => row.id)).toEqual([first.id]);
    expect(succeeded.total).toBe(1);
    expect((await repository.list(workspaceId, agentId, { status: 'running', limit: 10 })).total).toBe(4);
  });

  it('fails the running tasks whose owner is not registered, in every workspace, and nothing else', async () => {
    // Its own database: this sweeps across workspaces.
    const own = await createTestDatabase();
    try {
      const tasks = new DrizzleAgentTaskRepository(own.db);
      const a = await setup(own.db);
      const b = await setup(own.db);
      const abandonedA = await tasks.insert(a.workspaceId, task(a.agentId));
      const abandonedB = await tasks.insert(b.workspaceId, task(b.agentId));
      const done = await tasks.insert(a.workspaceId, task(a.agentId));
      const finished = await tasks.finish(a.workspaceId, done.id, {
        status: 'succeeded',
        usage: done.usage,
        costUsd: 0,
        llmCalls: 1,
        error: null,
      });
      await registerLive(own.db);
      const fresh = await tasks.insert(b.workspaceId, task(b.agentId, 'Still running', LIVE));

      expect(await tasks.failAbandoned()).toEqual({ tasks: 2, agents: 1 });

      const interrupted = { code: 'interrupted', message: 'The server stopped while this task ran' };
      const listA = (await tasks.list(a.workspaceId, a.agentId, { limit: 10 })).items;
      const listB = (await tasks.list(b.workspaceId, b.agentId, { limit: 10 })).items;
      expect(listA.find((row) => row.id === abandonedA.id)).toMatchObject({ status: 'failed', error: interrupted });
      expect(listA.find((row) => row.id === abandonedA.id)?.finishedAt).not.toBeNull();
      expect(listB.find((row) => row.id === abandonedB.id)).toMatchObject({ status: 'failed', error: interrupted });
      expect(listA.find((row) => row.id === done.id)).toMatchObject({
        status: 'succeeded',
        error: null,
        finishedAt: finished.finishedAt,
      });
      expect(listB.find((row) => row.id === fresh.id)).toMatchObject({ status: 'running', error: null, finishedAt: null });
      expect(await tasks.failAbandoned()).toEqual({ tasks: 0, agents: 0 });
    } finally {
      await own.close();
    }
  });

  it('recovers an interrupted task: its ledger rows become its totals, and its busy agent is idle again', async () => {
    const own = await createTestDatabase();
    try {
      const tasks = new DrizzleAgentTaskRepository(own.db);
      const ledger = new DrizzleLlmCallRepository(own.db);
      const { workspaceId, agentId } = await setup(own.db);
      const busyElsewhere = await insertAgent(own.db, workspaceId, { name: 'Still working' });
      const conversations = new DrizzleConversationRepository(own.db);
      const conversation = await conversations.insert(workspaceId, { agentId, title: 'Cut', variables: {}, createdBy: null });
      const running = await tasks.insert(workspaceId, { ...task(agentId), conversationId: conversation.id });
      await registerLive(own.db);
      const stillRunning = await tasks.insert(workspaceId, task(busyElsewhere.id, 'Live', LIVE));
      const usage = { inputTokens: 1200, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
      const base = {
        provider: 'mock',
        model: 'echo',
        mock: true,
        latencyMs: 0,
        timeToFirstTokenMs: null,
        errorClass: null,
        errorMessage: null,
        attempt: 1,
        fallback: false,
        agentId,
        conversationId: null,
        taskId: running.id,
        runId: null,
        stepId: null,
        promptRef: null,
        unpriced: false,
      };
      await ledger.insert(workspaceId, {
        ...base,
        usage: { ...usage, inputTokens: 100, outputTokens: 20 },
        costUsd: 0.00014,
        outcome: 'error',
        estimated: false,
      });
      await ledger.insert(workspaceId, { ...base, usage, costUsd: 0.0012, outcome: 'in_flight', estimated: true });
      // A live instance's call in flight (another server's) is left alone.
      await new DrizzleLlmCallRepository(own.db, LIVE).insert(workspaceId, {
        ...base,
        agentId: busyElsewhere.id,
        taskId: stillRunning.id,
        usage,
        costUsd: 0.0012,
        outcome: 'in_flight',
        estimated: true,
      });

      expect(await ledger.interruptAbandoned()).toBe(1);
      // The other agent's task belongs to a live instance: it is really in flight, so that agent stays busy.
      expect(await tasks.failAbandoned()).toEqual({ tasks: 1, agents: 1 });
      const live = await ledger.list(workspaceId, { taskId: stillRunning.id, limit: 10 });
      expect(live.items.map((row) => row.outcome)).toEqual(['in_flight']);

      const recovered = await tasks.find(workspaceId, agentId, running.id);
      expect(recovered).toMatchObject({
        status: 'failed',
        error: { code: 'interrupted' },
        llmCalls: 2,
        usage: { inputTokens: 1300, outputTokens: 20 },
        costUsd: 0.00134,
      });
      const { items } = await ledger.list(workspaceId, { taskId: running.id, limit: 10 });
      expect(items.map((row) => [row.outcome, row.estimated, row.errorClass])).toEqual(
        expect.arrayContaining([
          ['interrupted', true, 'aborted'],
          ['error', false, null],
        ]),
      );
      // The conversation's totals include the interrupted turn.
      expect(await conversations.find(workspaceId, conversation.id)).toMatchObject({
        usage: { inputTokens: 1300, outputTokens: 20 },
        costUsd: 0.00134,
      });
      const agentRepository = new DrizzleAgentRepository(own.db);
      expect((await agentRepository.findById(workspaceId, agentId))?.observedState).toBe('idle');
      expect((await agentRepository.findById(workspaceId, busyElsewhere.id))?.observedState).toBe('busy');
    } finally {
      await own.close();
    }
  });

  it('charges a cut turn to its conversation with what the agents it asked spent, finished or not', async () => {
    const own = await createTestDatabase();
    try {
      const tasks = new DrizzleAgentTaskRepository(own.db);
      const ledger = new DrizzleLlmCallRepository(own.db);
      const conversations = new DrizzleConversationRepository(own.db);
      const { workspaceId, agentId } = await setup(own.db);
      const conversation = await conversations.insert(workspaceId, { agentId, title: 'Cut', variables: {}, createdBy: null });
      const inTurn = { ...task(agentId), conversationId: conversation.id };
      const top = await tasks.insert(workspaceId, inTurn);
      const asked = await tasks.insert(workspaceId, { ...inTurn, kind: 'agent_tool_call', parentTaskId: top.id });
      const askedByAsked = await tasks.insert(workspaceId, { ...inTurn, kind: 'agent_tool_call', parentTaskId: asked.id });
      const usage = { inputTokens: 100, outputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
      for (const taskId of [top.id, asked.id, askedByAsked.id]) {
        await ledger.insert(workspaceId, {
          provider: 'mock',
          model: 'echo',
          mock: true,
          usage,
          costUsd: 0.001,
          latencyMs: 0,
          timeToFirstTokenMs: null,
          outcome: 'success',
          errorClass: null,
          errorMessage: null,
          attempt: 1,
          fallback: false,
          agentId,
          conversationId: conversation.id,
          taskId,
          runId: null,
          stepId: null,
          promptRef: null,
          estimated: false,
          unpriced: false,
        });
      }
      // The asked agent's own question finished (its totals were never added to the conversation); the rest were cut.
      await tasks.finish(workspaceId, askedByAsked.id, { status: 'succeeded', usage, costUsd: 0.001, llmCalls: 1, error: null });
      expect(await tasks.failAbandoned()).toMatchObject({ tasks: 2 });
      expect(await conversations.find(workspaceId, conversation.id)).toMatchObject({
        usage: { inputTokens: 300, outputTokens: 30 },
        costUsd: 0.003,
      });
    } finally {
      await own.close();
    }
  });

  it('finds one task with the agent that asked for it and the system prompt it ran with', async () => {
    const { workspaceId, agentId } = await setup();
    const asker = await insertAgent(db, workspaceId, { name: 'Asker' });
    const parent = await repository.insert(workspaceId, task(asker.id));
    const systemPrompt = {
      text: 'Be kind',
      textBlobKey: null,
      templateRef: 'kind@production',
      templateVersion: 3,
      variables: { tone: 'warm' },
    };
    const child = await repository.insert(workspaceId, {
      ...task(agentId),
      kind: 'agent_tool_call',
      parentTaskId: parent.id,
      systemPrompt,
    });
    expect(child.requestedBy).toEqual({ taskId: parent.id, agentId: asker.id, agentName: 'Asker' });
    expect(await repository.find(workspaceId, agentId, child.id)).toMatchObject({ systemPrompt, requestedBy: child.requestedBy });
    expect((await repository.list(workspaceId, agentId, { limit: 10 })).items[0]?.requestedBy).toEqual(child.requestedBy);
    expect(await repository.find(workspaceId, asker.id, child.id)).toBeNull();
    expect((await repository.find(workspaceId, asker.id, parent.id))?.requestedBy).toBeNull();
  });

  it('starts a task without an id or a system prompt under a new id and with no prompt stored (SQL null)', async () => {
    const { workspaceId, agentId } = await setup();
    const [first, second] = [
      await repository.insert(workspaceId, task(agentId)),
      await repository.insert(workspaceId, task(agentId)),
    ];
    expect(first.id).not.toBe(second.id);
    const [row] = await db
      .select({ systemPrompt: agentTasks.systemPrompt })
      .from(agentTasks)
      .where(and(eq(agentTasks.id, first.id), isNull(agentTasks.systemPrompt)));
    expect(row).toEqual({ systemPrompt: null });
  });
});
