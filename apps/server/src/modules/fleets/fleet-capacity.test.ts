import type { FleetDispatcher } from '@agent-fleet/core';
import request from 'supertest';
import { schema } from '@agent-fleet/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSecondApp, captureLogs, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';
import { fleetTaskClient } from './fleet-tasks.test-support.js';

let t: TestApp;
let owner: SignedIn;
/** A second server on the same database: its dispatcher places the same fleets' tasks at the same time. */
let second: FleetDispatcher;
/** The second server's API, which the owner's token opens too (same signing secret). */
let secondApi: ReturnType<typeof request>;
const SECOND = 'server-b:1:test';
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  const built = buildSecondApp(t, { logSink: captureLogs().sink, instanceId: SECOND });
  second = built.fleetDispatcher;
  secondApi = request(built.app);
  await second.start();
});
afterAll(async () => {
  await second.stop();
  await t.close();
});

interface Interval {
  agentIds: string[];
  startedAt: Date;
  finishedAt: Date;
}

/**
 * The most tasks that ran at once, in all and per member, from the rows' own times: a task holds its
 * members from placement (`startedAt`) to its end (`finishedAt`). At the same instant an end counts
 * before a start: a slot is freed by a commit that the next placement waits for.
 */
function peaks(intervals: readonly Interval[]): { fleet: number; members: Map<string, number> } {
  const events = intervals.flatMap((task) => [
    { at: task.startedAt.getTime(), delta: 1, agentIds: task.agentIds },
    { at: task.finishedAt.getTime(), delta: -1, agentIds: task.agentIds },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let fleet = 0;
  const held = new Map<string, number>();
  const members = new Map<string, number>();
  for (const event of events) {
    now += event.delta;
    fleet = Math.max(fleet, now);
    for (const agentId of event.agentIds) {
      const count = (held.get(agentId) ?? 0) + event.delta;
      held.set(agentId, count);
      members.set(agentId, Math.max(members.get(agentId) ?? 0, count));
    }
  }
  return { fleet, members };
}

describe('fleet capacity', () => {
  it('is never exceeded under 200 concurrent submissions placed by two servers, and every task completes', async () => {
    const api = fleetTaskClient(owner);
    // Members could hold 2 + 2 + 1 + 3 = 8 at once; the fleet allows 6.
    const fleetId = await api.fleet({ strategy: { type: 'least_loaded' }, maxConcurrency: 6 });
    const capacity = new Map<string, number>();
    for (const [name, maxConcurrent] of [
      ['One', 2],
      ['Two', 2],
      ['Three', 1],
      ['Four', 3],
    ] as const) {
      capacity.set(await api.member(fleetId, name, 'echo?latencyMs=300', { maxConcurrent }), maxConcurrent);
    }

    const submitted = await Promise.all(
      Array.from({ length: 200 }, (_, index) => api.submit(fleetId, { input: `task ${index}` })),
    );
    expect(submitted.filter((res) => res.status !== 201).map((res) => res.text)).toEqual([]);

    const rows = await vi.waitFor(
      async () => {
        const all = await t.database.db.select().from(schema.fleetTasks).where(eq(schema.fleetTasks.fleetId, fleetId));
        const open = all.filter((row) => row.status === 'queued' || row.status === 'running');
        if (open.length > 0) throw new Error(`${open.length} tasks still open`);
        return all;
      },
      { timeout: 180_000, interval: 100 },
    );
    expect(rows).toHaveLength(200);
    expect(rows.filter((row) => row.status !== 'succeeded').map((row) => row.error)).toEqual([]);
    // One placement each: no task was placed twice.
    expect(rows.every((row) => row.attempt === 1 && row.agentIds.length === 1)).toBe(true);

    const { fleet, members } = peaks(
      rows.map((row) => ({ agentIds: row.agentIds, startedAt: row.startedAt as Date, finishedAt: row.finishedAt as Date })),
    );
    // Reached and never passed: tasks last long enough to fill every slot, so a broken limit would show.
    expect(fleet).toBe(6);
    for (const [agentId, peak] of members) expect(peak, agentId).toBeLessThanOrEqual(capacity.get(agentId) ?? 0);

    const routing = await t.database.db
      .select()
      .from(schema.fleetRoutingRecords)
      .where(eq(schema.fleetRoutingRecords.fleetId, fleetId));
    expect(routing).toHaveLength(200);
    // Both servers placed and ran tasks (an agent task names the server that ran it).
    const owners = await t.database.db
      .selectDistinct({ owner: schema.agentTasks.owner })
      .from(schema.agentTasks)
      .where(
        inArray(
          schema.agentTasks.id,
          rows.flatMap((row) => row.agentTaskIds),
        ),
      );
    expect(owners.map((row) => row.owner)).toContain(SECOND);
    expect(owners).toHaveLength(2);
  }, 240_000);

  it('places at submission no more tasks than the fleet and its members can take when submissions race on two servers', async () => {
    const api = fleetTaskClient(owner);
    // The fleet allows 3 at once; its members could hold 2 + 2. Their model never answers, so nothing frees a slot.
    const fleetId = await api.fleet({ strategy: { type: 'least_loaded' }, maxConcurrency: 3 });
    const capacity = new Map<string, number>();
    for (const name of ['Hangs A', 'Hangs B']) {
      capacity.set(await api.member(fleetId, name, 'echo?fail=timeout', { maxConcurrent: 2 }), 2);
    }
    const path = `/api/v1/fleets/${fleetId}/tasks`;
    const submitted = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        index % 2 === 0
          ? owner.client.post(path).send({ input: `race ${index}` })
          : secondApi
              .post(path)
              .set('Authorization', `Bearer ${owner.token}`)
              .send({ input: `race ${index}` }),
      ),
    );
    expect(submitted.filter((res) => res.status !== 201).map((res) => res.text)).toEqual([]);
    // The first three (in the fleet lock's order) were placed as submitted; once one had to wait, every later
    // one waited behind it, so no queued task was overtaken.
    expect(submitted.filter((res) => res.body.status === 'running')).toHaveLength(3);
    expect(submitted.filter((res) => res.body.status === 'queued')).toHaveLength(27);

    const rows = await t.database.db.select().from(schema.fleetTasks).where(eq(schema.fleetTasks.fleetId, fleetId));
    const running = rows.filter((row) => row.status === 'running');
    expect(running).toHaveLength(3);
    const held = new Map<string, number>();
    for (const agentId of running.flatMap((row) => row.agentIds)) held.set(agentId, (held.get(agentId) ?? 0) + 1);
    for (const [agentId, count] of held) expect(count, agentId).toBeLessThanOrEqual(capacity.get(agentId) ?? 0);
    // Every placement wrote its routing record; the waiting tasks none.
    const routing = await t.database.db
      .select()
      .from(schema.fleetRoutingRecords)
      .where(eq(schema.fleetRoutingRecords.fleetId, fleetId));
    expect(routing.map((record) => record.taskId).sort()).toEqual(running.map((row) => row.id).sort());

    // Waiting ones first, so a cancelled running task frees its slot for nobody.
    for (const row of [...rows].sort((a, b) => Number(a.status === 'running') - Number(b.status === 'running'))) {
      expect((await owner.client.post(`${path}/${row.id}/cancel`)).status).toBe(200);
    }
  }, 120_000);
});
