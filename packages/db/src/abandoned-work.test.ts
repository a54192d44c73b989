import type { LlmCallInsert } from '@agent-fleet/core';
import { recoverAbandonedWork, ServerInstance } from '@agent-fleet/core';
import { createTestDatabase, insertAgent, insertWorkspace } from '@agent-fleet/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import { DrizzleAgentTaskRepository } from './agent-task-repository.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import type { DatabaseHandle } from './database.js';
import { DrizzleInstanceRepository } from './instance-repository.js';
import { DrizzleLlmCallRepository } from './llm-call-repository.js';

const STALE_MS = 30_000;

let handle: DatabaseHandle;

// A database per test: recovery sweeps every workspace and every registered server.
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(() => handle.close());

const call = (agentId: string, taskId: string, conversationId: string): LlmCallInsert => ({
  provider: 'mock',
  model: 'echo',
  mock: true,
  usage: { inputTokens: 100, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  costUsd: 0.001,
  latencyMs: 0,
  timeToFirstTokenMs: null,
  outcome: 'in_flight',
  errorClass: null,
  errorMessage: null,
  attempt: 1,
  fallback: false,
  agentId,
  conversationId,
  taskId,
  runId: null,
  stepId: null,
  promptRef: null,
  estimated: true,
  unpriced: false,
});

/**
 * Servers A, B and C share one database, each with its own clock reading the one the test moves. Every
 * server has a chat turn running: its claim on a conversation, its task, and its model call in flight.
 */
async function cluster() {
  const { db } = handle;
  const instances = new DrizzleInstanceRepository(db);
  const tasks = new DrizzleAgentTaskRepository(db);
  const conversations = new DrizzleConversationRepository(db);
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  const server = (host: string, pid: number) =>
    new ServerInstance({ instances, staleMs: STALE_MS, now: () => new Date(now), isAlive: () => true, host, pid });
  const workspaceId = await insertWorkspace(db, 'Cluster');
  const agents = new DrizzleAgentRepository(db);

  /** A turn `instance` runs: the conversation it claims, the task and the call it has in flight. */
  const turn = async (instance: ServerInstance) => {
    const agent = await insertAgent(db, workspaceId, { name: `Agent on ${instance.host}` });
    const conversation = await conversations.insert(workspaceId, {
      agentId: agent.id,
      title: 'Turn',
      variables: {},
      createdBy: null,
    });
    await conversations.claimTurn(workspaceId, conversation.id, { turnId: crypto.randomUUID(), owner: instance.id });
    const task = await tasks.insert(workspaceId, {
      agentId: agent.id,
      kind: 'conversation_turn',
      conversationId: conversation.id,
      parentTaskId: null,
      summary: 'Running',
      owner: instance.id,
    });
    await new DrizzleLlmCallRepository(db, instance.id).insert(workspaceId, call(agent.id, task.id, conversation.id));
    const state = async () => ({
      busy: (await conversations.find(workspaceId, conversation.id))?.busy,
      task: (await tasks.find(workspaceId, agent.id, task.id))?.status,
      calls: (await new DrizzleLlmCallRepository(db).list(workspaceId, { taskId: task.id, limit: 10 })).items.map(
        (row) => row.outcome,
      ),
      agent: (await agents.findById(workspaceId, agent.id))?.observedState,
    });
    /** What the conversation was charged for the turn. */
    const charged = async () => (await conversations.find(workspaceId, conversation.id))?.costUsd;
    /** The owner ending the task as it would had it not been presumed dead. */
    const finish = () =>
      tasks.finish(workspaceId, task.id, {
        status: 'succeeded',
        usage: { inputTokens: 500, outputTokens: 50, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        costUsd: 0.005,
        llmCalls: 1,
        error: null,
      });
    return { state, charged, finish };
  };

  const recover = (instance: ServerInstance) =>
    recoverAbandonedWork({ instance, instances, ledger: new DrizzleLlmCallRepository(db), tasks, conversations });
  const registered = async () => (await instances.list()).map((row) => row.id).sort();
  return { server, turn, recover, registered, advance: (ms: number) => (now += ms) };
}

const running = { busy: true, task: 'running', calls: ['in_flight'], agent: 'busy' };
const recovered = { busy: false, task: 'failed', calls: ['interrupted'], agent: 'idle' };

describe('recoverAbandonedWork across servers', () => {
  it("at B's start leaves live A's turn running and recovers the turn of C, whose lease expired", async () => {
    const { server, turn, recover, registered, advance } = await cluster();
    const a = server('host-a', 1);
    const c = server('host-c', 3);
    await a.start({ heartbeat: false });
    await c.start({ heartbeat: false });
    const onA = await turn(a);
    const onC = await turn(c);

    // C stops beating; A beats on. B starts after C's lease has run out.
    advance(STALE_MS + 1);
    await a.beat();
    const b = server('host-b', 2);
    await b.start({ heartbeat: false });

    expect(await recover(b)).toEqual({ instances: 1, calls: 1, tasks: 1, agents: 1, turns: 1 });
    expect(await onA.state()).toEqual(running);
    expect(await onC.state()).toEqual(recovered);
    expect(await registered()).toEqual([a.id, b.id].sort());

    // A second pass finds nothing more: A is still alive.
    expect(await recover(b)).toEqual({ instances: 0, calls: 0, tasks: 0, agents: 0, turns: 0 });
    expect(await onA.state()).toEqual(running);
  });

  it("B's periodic sweep recovers A's turn once A has died while B runs, not before", async () => {
    const { server, turn, recover, advance } = await cluster();
    const a = server('host-a', 1);
    const b = server('host-b', 2);
    await a.start({ heartbeat: false });
    await b.start({ heartbeat: false });
    const onA = await turn(a);

    advance(STALE_MS);
    await b.beat();
    expect((await recover(b)).tasks).toBe(0);
    expect(await onA.state()).toEqual(running);

    advance(1);
    expect(await recover(b)).toMatchObject({ instances: 1, tasks: 1, turns: 1, calls: 1 });
    expect(await onA.state()).toEqual(recovered);
  });

  it("recovers a restarted server's previous life at once, without waiting for its lease", async () => {
    const { server, turn, recover } = await cluster();
    const before = server('host-a', 7);
    await before.start({ heartbeat: false });
    const cut = await turn(before);

    // Same host, same pid (a container restarted as pid 1): the old registration is this process's past.
    const after = server('host-a', 7);
    await after.start({ heartbeat: false });
    expect(await recover(after)).toMatchObject({ instances: 1, tasks: 1, turns: 1 });
    expect(await cut.state()).toEqual(recovered);
  });

  it('recovers a dead server once when two servers sweep at the same time, charging its cut turn once', async () => {
    const { server, turn, recover, advance } = await cluster();
    const a = server('host-a', 1);
    await a.start({ heartbeat: false });
    const onA = await turn(a);
    advance(STALE_MS + 1);
    const b = server('host-b', 2);
    const c = server('host-c', 3);
    await b.start({ heartbeat: false });
    await c.start({ heartbeat: false });

    const passes = await Promise.all([recover(b), recover(c), recover(b), recover(c)]);
    expect(passes.reduce((sum, pass) => sum + pass.tasks, 0)).toBe(1);
    expect(passes.reduce((sum, pass) => sum + pass.turns, 0)).toBe(1);
    expect(await onA.state()).toEqual(recovered);
    expect(await onA.charged()).toBe(0.001);
  });

  it('refuses the end of a task recovered from a server presumed dead, keeping the recovered totals', async () => {
    const { server, turn, recover, advance } = await cluster();
    const a = server('host-a', 1);
    await a.start({ heartbeat: false });
    const onA = await turn(a);
    advance(STALE_MS + 1);
    const b = server('host-b', 2);
    await b.start({ heartbeat: false });
    await recover(b);

    // A was only paused (a long stall), not dead: its turn now ends and tries to record it.
    await expect(onA.finish()).rejects.toMatchObject({ code: 'aborted' });
    expect(await onA.state()).toEqual(recovered);
    expect(await onA.charged()).toBe(0.001);
  });

  it('recovers the work of a server that stopped cleanly (it unregistered) on the next pass', async () => {
    const { server, turn, recover } = await cluster();
    const a = server('host-a', 1);
    const b = server('host-b', 2);
    await a.start({ heartbeat: false });
    await b.start({ heartbeat: false });
    const onA = await turn(a);
    await a.stop();

    expect(await recover(b)).toMatchObject({ instances: 0, tasks: 1, turns: 1, calls: 1 });
    expect(await onA.state()).toEqual(recovered);
  });
});
