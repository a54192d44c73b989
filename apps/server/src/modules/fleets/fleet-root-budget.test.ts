import { schema } from '@agent-fleet/db';
import { randomUUID } from 'node:crypto';
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

/**
 * What an attempt whose worker died leaves: its agent task under the fleet task and the ledger row of
 * its model call, but nothing added to the fleet task's own totals (the attempt never recorded its end).
 */
async function crashedAttempt(workspaceId: string, agentId: string, fleetTaskId: string, costUsd: number) {
  const agentTaskId = randomUUID();
  await t.database.db.insert(schema.agentTasks).values({
    id: agentTaskId,
    workspaceId,
    agentId,
    kind: 'fleet_task',
    status: 'failed',
    rootTaskId: fleetTaskId,
    summary: 'the attempt before the crash',
    costUsd,
    llmCalls: 1,
  });
  await t.database.db.insert(schema.llmCalls).values({
    workspaceId,
    provider: 'mock',
    model: 'echo',
    mock: true,
    costUsd,
    latencyMs: 5,
    outcome: 'success',
    agentId,
    taskId: agentTaskId,
  });
}

describe('a fleet task’s budget per root task', () => {
  it('is summed from the ledger: a crashed attempt’s model calls count, though the task never recorded them', async () => {
    const fleetId = await api.fleet({ limits: { budgetUsdPerRootTask: 0.5 } });
    const agentId = await api.member(fleetId, 'Writer');
    // Paused, so the task waits while its earlier attempt is laid down.
    expect((await api.setState('fleets', fleetId, 'paused')).status).toBe(200);
    const submitted = await api.submit(fleetId, { input: 'hello' });
    expect(submitted.status, submitted.text).toBe(201);
    const [fleet] = await t.database.db.select().from(schema.fleets);
    await crashedAttempt(fleet?.workspaceId ?? '', agentId, submitted.body.id, 0.6);
    const before = await api.task(fleetId, submitted.body.id);
    expect(before.status).toBe('queued');
    // The task's own totals do not know of it: a sum of them (and of this process's calls) would let it run.
    expect((before as unknown as { costUsd: number }).costUsd).toBe(0);

    expect((await api.setState('fleets', fleetId, 'active')).status).toBe(200);
    const done = await api.waitFor(fleetId, submitted.body.id);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'budget_exceeded' }, llmCalls: 0 });
    expect(done.error?.message).toContain('0.600000');
  });

  it('lets a task under its budget run, its own calls counted as they end', async () => {
    const fleetId = await api.fleet({ limits: { budgetUsdPerRootTask: 0.5 } });
    const agentId = await api.member(fleetId, 'Writer');
    expect((await api.setState('fleets', fleetId, 'paused')).status).toBe(200);
    const submitted = await api.submit(fleetId, { input: 'hello' });
    const [fleet] = await t.database.db.select().from(schema.fleets);
    await crashedAttempt(fleet?.workspaceId ?? '', agentId, submitted.body.id, 0.1);
    expect((await api.setState('fleets', fleetId, 'active')).status).toBe(200);
    const done = await api.waitFor(fleetId, submitted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', llmCalls: 1 });
    // Its agent task is recorded under it, so a later attempt's budget would count this call too.
    const tasks = await t.database.db.select().from(schema.agentTasks);
    expect(tasks.filter((task) => task.rootTaskId === submitted.body.id)).toHaveLength(2);
  });
});
