import { DrizzleDelegationTripRepository, schema } from '@agent-fleet/db';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';
import { fleetTaskClient } from './fleet-tasks.test-support.js';

let t: TestApp;
let owner: SignedIn;
let api: ReturnType<typeof fleetTaskClient>;
beforeEach(async () => {
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
  api = fleetTaskClient(owner);
});
afterEach(async () => {
  await t.close();
});

/** The mock model calls a tool on every turn, asking it the task's own text: two such members ping-pong. */
const ALWAYS_DELEGATES = 'echo?tools=always';

/** Two members that may delegate to each other, and nothing else. */
async function pingPongFleet(limits: Record<string, unknown>, model = ALWAYS_DELEGATES) {
  const fleetId = await api.fleet({ limits });
  const ping = await api.member(fleetId, 'Ping', model);
  const pong = await api.member(fleetId, 'Pong', model, { allowedDelegates: [ping] });
  const res = await owner.client.patch(`/api/v1/fleets/${fleetId}/members/${ping}`).send({ allowedDelegates: [pong] });
  expect(res.status, res.text).toBe(200);
  // Few iterations keep a refused model's retries short.
  for (const id of [ping, pong]) {
    const agent = await owner.client
      .patch(`/api/v1/agents/${id}`)
      .send({ limits: { maxIterations: 3, maxCostPerTaskUsd: null } });
    expect(agent.status, agent.text).toBe(200);
  }
  return { fleetId, ping, pong };
}

const agentTasks = () => t.database.db.select().from(schema.agentTasks);

/** Trips of the fleet by code, as a monitoring view would count them. */
async function tripCounts(fleetId: string) {
  const [task] = await agentTasks();
  return new DrizzleDelegationTripRepository(t.database.db).countByCode(task?.workspaceId ?? '', { fleetId });
}

describe('delegation limits in a fleet task', () => {
  it('stops a ping-pong pair: the repeated question creates no task, and each refusal is recorded for the fleet', async () => {
    const { fleetId, ping, pong } = await pingPongFleet({ maxDelegationDepth: 5, maxHopsPerRootTask: 50 });
    const res = await api.submit(fleetId, { input: 'Start' });
    const done = await api.waitFor(fleetId, res.body.id);

    // The member asked, its delegate asked it back, then the same question again was refused as a loop
    // until each model ran out of iterations.
    expect(done).toMatchObject({ status: 'failed', error: { code: 'max_iterations' } });
    const tasks = await agentTasks();
    expect(tasks).toHaveLength(3);
    expect(new Set(tasks.map((task) => task.agentId))).toEqual(new Set([ping, pong]));
    const counts = await tripCounts(fleetId);
    expect(Object.keys(counts)).toEqual(['delegation_loop']);
    expect(counts.delegation_loop).toBeGreaterThan(0);
    const rows = await t.database.db.select().from(schema.delegationTrips).where(eq(schema.delegationTrips.fleetId, fleetId));
    expect(rows.every((row) => row.rootTaskId === done.agentTaskIds[0])).toBe(true);
  });

  it('ends the fleet task with budget_exceeded before the call past its root budget: one model call, no delegated task', async () => {
    const { fleetId } = await pingPongFleet(
      { budgetUsdPerRootTask: 0.000001 },
      `${ALWAYS_DELEGATES}&inputTokens=1000&outputTokens=1000`,
    );
    const res = await api.submit(fleetId, { input: 'Start' });
    const done = await api.waitFor(fleetId, res.body.id);

    expect(done).toMatchObject({ status: 'failed', error: { code: 'budget_exceeded' }, llmCalls: 1 });
    expect(await agentTasks()).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'budget_exceeded' }) }),
    ]);
    const counts = await tripCounts(fleetId);
    expect(counts).toEqual({ budget_exceeded: 1 });
  });

  it('lets no member delegate when maxDelegationDepth is 0: no delegate is offered, so the member answers itself', async () => {
    const { fleetId } = await pingPongFleet({ maxDelegationDepth: 0 });
    const res = await api.submit(fleetId, { input: 'Start' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', llmCalls: 1 });
    expect(await agentTasks()).toHaveLength(1);
    expect(await tripCounts(fleetId)).toEqual({});
  });

  it('ends the fleet task and its agent task with task_timeout at the deadline, recorded once', async () => {
    const fleetId = await api.fleet({ limits: { taskTimeout: '300ms' } });
    await api.member(fleetId, 'Hangs', 'echo?fail=timeout');
    const res = await api.submit(fleetId, { input: 'never answers' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'task_timeout' } });
    expect(await agentTasks()).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'task_timeout' }) }),
    ]);
    expect(await tripCounts(fleetId)).toEqual({ task_timeout: 1 });
  });
});
