import { AgentLifecycleService } from '@agent-fleet/core';
import { DrizzleAgentLifecycleRepository, DrizzleAgentRepository, DrizzleUnitOfWork, schema } from '@agent-fleet/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockAgent, createTestApp, parseSse, type SignedIn, type TestApp } from '../../test-support.js';
import { waitForRunStatus } from '../runs/run-polling.test-support.js';

/** Pause, drain, disable and resume: who may, what it refuses, what it lets finish, what it records. */
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
}, 60_000);
afterAll(() => t.close());

type Body = Record<string, unknown>;

const setState = (id: string, body: Body, as: SignedIn = owner) => as.client.put(`/api/v1/agents/${id}/admin-state`).send(body);
const getAgent = async (id: string) => (await owner.client.get(`/api/v1/agents/${id}`)).body as Body;
const history = async (id: string) =>
  (await owner.client.get(`/api/v1/agents/${id}/state-history`)).body as { items: Body[]; total: number };
const taskCount = async (id: string) => ((await owner.client.get(`/api/v1/agents/${id}/tasks`)).body as { total: number }).total;

async function conversationOf(agentId: string): Promise<string> {
  const res = await owner.client.post('/api/v1/conversations').send({ agentId });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const send = (conversationId: string, content = 'hello') =>
  owner.client.post(`/api/v1/conversations/${conversationId}/messages`).set('Accept', 'text/event-stream').send({ content });

/** Starts a turn without waiting for it, and returns once its task is in flight (the agent reads `busy`). */
async function startTurn(agentId: string) {
  const conversationId = await conversationOf(agentId);
  const reply = send(conversationId).then((res) => res);
  await vi.waitFor(
    async () => {
      const agent = await getAgent(agentId);
      if (agent['observedState'] !== 'busy') throw new Error(`The turn never started: ${JSON.stringify(agent)}`);
    },
    { timeout: 10_000, interval: 20 },
  );
  return { conversationId, reply };
}

describe('PUT /api/v1/agents/:id/admin-state', () => {
  it('starts active and idle, and shows both states on the agent and in the list', async () => {
    const agent = await createMockAgent(owner, 'Fresh');
    expect(await getAgent(agent.id)).toMatchObject({ adminState: 'active', observedState: 'idle' });
    const res = await setState(agent.id, { adminState: 'disabled', reason: 'Retired' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ adminState: 'disabled', observedState: 'idle', version: 1 });
    const list = (await owner.client.get('/api/v1/agents?q=Fresh')).body.items as Body[];
    expect(list).toEqual([expect.objectContaining({ id: agent.id, adminState: 'disabled' })]);
  });

  it('refuses a new chat turn of a paused agent with 409, storing nothing', async () => {
    const agent = await createMockAgent(owner, 'Paused');
    const conversationId = await conversationOf(agent.id);
    expect((await setState(agent.id, { adminState: 'paused', reason: 'Maintenance' })).status).toBe(200);

    const refused = await send(conversationId);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'agent_unavailable' });
    expect(refused.body.detail).toMatch(/paused/);
    expect(await taskCount(agent.id)).toBe(0);
    const messages = await owner.client.get(`/api/v1/conversations/${conversationId}/messages`);
    expect(messages.body.items).toEqual([]);

    // Resumed, it works again.
    expect((await setState(agent.id, { adminState: 'active', reason: 'Done' })).status).toBe(200);
    expect((await send(conversationId)).status).toBe(200);
    expect(await taskCount(agent.id)).toBe(1);
  });

  it('fails a pipeline agent step of a paused agent with agent_unavailable, starting no task', async () => {
    const agent = await createMockAgent(owner, 'piper');
    const pipeline = await owner.client.post('/api/v1/pipelines').send({
      name: 'lifecycle-step',
      format: 'yaml',
      source: "steps:\n  ask: { type: agent, agent: piper, task: 'Say hi' }\n",
    });
    expect(pipeline.status, pipeline.text).toBe(201);
    expect((await setState(agent.id, { adminState: 'paused', reason: 'Not now' })).status).toBe(200);
    const created = await owner.client.post('/api/v1/runs').send({ pipeline: 'lifecycle-step', input: {} });
    expect(created.status, created.text).toBe(201);
    const run = await waitForRunStatus(owner.client, created.body.id as string);
    expect(run.status).toBe('failed');
    const step = (run.steps as Body[]).find((row) => row['key'] === 'ask');
    expect(step?.['error']).toMatchObject({ code: 'agent_unavailable' });
    expect(await taskCount(agent.id)).toBe(0);
  });

  it('refuses a disabled agent as a tool: the asking agent hears why and no task of it starts', async () => {
    const expert = await createMockAgent(owner, 'Off expert');
    const lead = await createMockAgent(owner, 'Off lead', 'echo', { tools: [`agent:${expert.id}`] });
    await setState(expert.id, { adminState: 'disabled' });
    const res = await send(await conversationOf(lead.id), 'Please ask the expert about tides');
    expect(res.status).toBe(200);
    const result = parseSse(res.text).find((event) => event.type === 'tool.result');
    expect(result).toMatchObject({ isError: true, output: 'Off expert is disabled and takes no new work' });
    expect(await taskCount(expert.id)).toBe(0);
  });

  it('lets work in flight finish when paused', async () => {
    const agent = await createMockAgent(owner, 'Slow', 'echo?latencyMs=600');
    const { reply } = await startTurn(agent.id);
    expect((await setState(agent.id, { adminState: 'paused' })).status).toBe(200);
    const done = await reply;
    expect(done.status).toBe(200);
    expect(parseSse(done.text).at(-1)).toMatchObject({ type: 'turn.completed' });
    const tasks = (await owner.client.get(`/api/v1/agents/${agent.id}/tasks`)).body.items as Body[];
    expect(tasks.map((task) => task['status'])).toEqual(['succeeded']);
    expect(await getAgent(agent.id)).toMatchObject({ adminState: 'paused', observedState: 'idle' });
  });

  it('drains: takes no new work, and pauses by itself when the last task in flight ends', async () => {
    const agent = await createMockAgent(owner, 'Drainer', 'echo?latencyMs=600');
    const { reply } = await startTurn(agent.id);
    const draining = await setState(agent.id, { adminState: 'draining', reason: 'Deploy' });
    expect(draining.status).toBe(200);
    expect(draining.body).toMatchObject({ adminState: 'draining', observedState: 'busy' });
    expect((await send(await conversationOf(agent.id))).status).toBe(409);

    expect((await reply).status).toBe(200);
    expect(await getAgent(agent.id)).toMatchObject({ adminState: 'paused', observedState: 'idle' });
    const { items } = await history(agent.id);
    expect(items).toEqual([
      expect.objectContaining({ fromState: 'draining', toState: 'paused', actorType: 'system', actorLabel: 'system' }),
      expect.objectContaining({
        fromState: 'active',
        toState: 'draining',
        reason: 'Deploy',
        actorType: 'user',
        actorId: owner.user.id,
      }),
    ]);
  });

  it('pauses a drained agent at once when nothing is in flight', async () => {
    const agent = await createMockAgent(owner, 'Idle drainer');
    const res = await setState(agent.id, { adminState: 'draining' });
    expect(res.status).toBe(200);
    expect(res.body.adminState).toBe('paused');
    expect((await history(agent.id)).items.map((row) => row['toState'])).toEqual(['paused', 'draining']);
  });

  it('pauses a draining agent at its timeout, even with work in flight', async () => {
    const agent = await createMockAgent(owner, 'Stuck', 'echo?fail=timeout');
    const { conversationId, reply } = await startTurn(agent.id);
    const res = await setState(agent.id, { adminState: 'draining', timeoutSeconds: 60 });
    expect(res.body).toMatchObject({ adminState: 'draining' });

    // The sweep the server runs every few seconds, over the same database; one clock reads past the deadline.
    const sweepAt = (now: () => Date) =>
      new AgentLifecycleService({
        agents: new DrizzleAgentRepository(t.database.db),
        lifecycle: new DrizzleAgentLifecycleRepository(t.database.db),
        unitOfWork: new DrizzleUnitOfWork(t.database.db),
        now,
      }).sweep();
    expect(await sweepAt(() => new Date())).toBe(0);
    expect((await getAgent(agent.id))['adminState']).toBe('draining');
    expect(await sweepAt(() => new Date(Date.now() + 61_000))).toBe(1);
    expect(await getAgent(agent.id)).toMatchObject({ adminState: 'paused', observedState: 'busy' });
    expect((await history(agent.id)).items[0]).toMatchObject({
      fromState: 'draining',
      toState: 'paused',
      actorType: 'system',
      reason: 'The drain timed out with work still in flight',
    });

    await owner.client.post(`/api/v1/conversations/${conversationId}/abort`);
    await reply;
    expect((await getAgent(agent.id))['observedState']).not.toBe('busy');
  });

  it('records every change with who, why and when, and an audit event', async () => {
    const agent = await createMockAgent(owner, 'Audited');
    await setState(agent.id, { adminState: 'paused', reason: 'Too costly' });
    await setState(agent.id, { adminState: 'paused', reason: 'again' }); // no change: not recorded
    await setState(agent.id, { adminState: 'active' });
    const page = await history(agent.id);
    expect(page.total).toBe(2);
    expect(page.items).toEqual([
      expect.objectContaining({ fromState: 'paused', toState: 'active', reason: '' }),
      expect.objectContaining({
        agentId: agent.id,
        fromState: 'active',
        toState: 'paused',
        reason: 'Too costly',
        actorType: 'user',
        actorId: owner.user.id,
        drainDeadline: null,
        createdAt: expect.any(String),
      }),
    ]);
    const first = await owner.client.get(`/api/v1/agents/${agent.id}/state-history?limit=1`);
    expect(first.body.items).toHaveLength(1);
    const second = await owner.client.get(`/api/v1/agents/${agent.id}/state-history?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0]).toMatchObject({ toState: 'paused', reason: 'Too costly' });
    expect(second.body.nextCursor).toBeNull();

    const audit = (await owner.client.get('/api/v1/audit-events?action=agent.admin_state_changed')).body.items as Body[];
    expect(audit.filter((event) => event['targetId'] === agent.id)).toHaveLength(2);
  });

  it("refuses a viewer's and an editor's change with 403, changing nothing; the viewer reads the history", async () => {
    const agent = await createMockAgent(owner, 'Guarded');
    const viewer = await t.addUser(owner, 'viewer');
    const editor = await t.addUser(owner, 'editor');
    expect((await setState(agent.id, { adminState: 'paused' }, viewer)).status).toBe(403);
    expect((await setState(agent.id, { adminState: 'paused' }, editor)).status).toBe(403);
    expect((await getAgent(agent.id))['adminState']).toBe('active');
    const read = await viewer.client.get(`/api/v1/agents/${agent.id}/state-history`);
    expect(read.status).toBe(200);
    expect(read.body.total).toBe(0);
  });

  it('hides agents of other workspaces (404)', async () => {
    const agent = await createMockAgent(owner, 'Homebody');
    const second = await owner.client.post('/api/v1/workspaces').send({ name: 'Elsewhere' });
    expect(second.status).toBe(201);
    const elsewhere = t.client(owner.token, second.body.id as string);
    expect((await elsewhere.put(`/api/v1/agents/${agent.id}/admin-state`).send({ adminState: 'paused' })).status).toBe(404);
    expect((await elsewhere.get(`/api/v1/agents/${agent.id}/state-history`)).status).toBe(404);
    expect((await getAgent(agent.id))['adminState']).toBe('active');
    expect((await history(agent.id)).total).toBe(0);
  });

  it('answers bad input with 400, changing nothing', async () => {
    const agent = await createMockAgent(owner, 'Strict');
    for (const body of [
      { adminState: 'sleeping' },
      {},
      { adminState: 'paused', timeoutSeconds: 10 },
      { adminState: 'draining', timeoutSeconds: 0 },
      { adminState: 'draining', timeoutSeconds: 1.5 },
      { adminState: 'paused', reason: 'x'.repeat(501) },
      { adminState: 'paused', extra: true },
    ]) {
      const res = await setState(agent.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    // A malformed id names no agent, as on the other agent routes.
    expect((await owner.client.put('/api/v1/agents/not-a-uuid/admin-state').send({ adminState: 'paused' })).status).toBe(404);
    expect((await owner.client.get(`/api/v1/agents/${agent.id}/state-history?limit=0`)).status).toBe(400);
    expect((await getAgent(agent.id))['adminState']).toBe('active');
    expect((await history(agent.id)).total).toBe(0);
  });

  it('derives the observed state error from the last 3 finished tasks all failing within 15 minutes', async () => {
    const agent = await createMockAgent(owner, 'Flaky');
    const workspaceId = (await getAgent(agent.id))['workspaceId'] as string;
    const finished = async (status: 'failed' | 'succeeded', minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000);
      await t.database.db
        .insert(schema.agentTasks)
        .values({ workspaceId, agentId: agent.id, kind: 'conversation_turn', status, startedAt: at, finishedAt: at });
    };
    await finished('failed', 20);
    await finished('failed', 10);
    await finished('failed', 5);
    // Three failures, but the oldest of the last three is outside the window.
    expect((await getAgent(agent.id))['observedState']).toBe('idle');
    await finished('failed', 1);
    expect((await getAgent(agent.id))['observedState']).toBe('error');
    await finished('succeeded', 0);
    expect((await getAgent(agent.id))['observedState']).toBe('idle');
  });
});
