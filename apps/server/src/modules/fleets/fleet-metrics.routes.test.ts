import { randomUUID } from 'node:crypto';
import { schema } from '@agent-fleet/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';
import { fleetTaskClient } from './fleet-tasks.test-support.js';

const H = 3_600_000;
let t: TestApp;
let owner: SignedIn;
let fleetId: string;
let a: string;
let b: string;
let workspaceId: string;
/** The range every test reads: four whole hours, well in the past, that cut tasks at both ends. */
const T0 = new Date(Math.floor(Date.now() / H) * H - 10 * H);
const at = (hours: number) => new Date(T0.getTime() + hours * H);
const from = at(0).toISOString();
const to = at(4).toISOString();
const queuedAt = at(3.5);

type Rows = { rows: Record<string, unknown>[] } | Record<string, unknown>[];
async function one(query: ReturnType<typeof sql>): Promise<Record<string, unknown>> {
  const result = (await t.database.db.execute(query)) as Rows;
  return (Array.isArray(result) ? result : result.rows)[0] ?? {};
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  const client = fleetTaskClient(owner);
  // Paused: the dispatcher leaves the seeded queued task where it is.
  fleetId = await client.fleet({ maxConcurrency: 4, adminState: 'paused' });
  a = await client.member(fleetId, 'Metrics A', 'echo', { maxConcurrent: 2 });
  b = await client.member(fleetId, 'Metrics B', 'echo', { maxConcurrent: 1 });
  const [fleet] = await t.database.db.select().from(schema.fleets).where(eq(schema.fleets.id, fleetId));
  if (!fleet) throw new Error('the fleet was not stored');
  workspaceId = fleet.workspaceId;
  const x1 = randomUUID();
  const x3 = randomUUID();
  const task = (
    agentId: string | null,
    status: string,
    created: number,
    started: number | null,
    finished: number | null,
    agentTaskIds: string[] = [],
  ) => ({
    workspaceId,
    fleetId,
    input: 'seeded',
    status: status as 'queued',
    agentIds: agentId ? [agentId] : [],
    agentTaskIds,
    createdAt: at(created),
    startedAt: started === null ? null : at(started),
    finishedAt: finished === null ? null : at(finished),
    ...(status === 'running' ? { leaseOwner: 'seed', leaseExpiresAt: new Date(Date.now() + 24 * H) } : {}),
  });
  const tasks = await t.database.db
    .insert(schema.fleetTasks)
    .values([
      task(a, 'succeeded', -1, -1, 1, [x1]),
      task(a, 'succeeded', 1, 1, 1.5),
      task(b, 'failed', 2, 2, 5, [x3]),
      task(b, 'failed', 2.5, 2.5, 3),
      task(null, 'cancelled', 3, null, 3),
      task(a, 'running', 3, 3, null),
      task(null, 'queued', 3.5, null, null),
      task(a, 'succeeded', -5, -5, -4),
    ])
    .returning({ id: schema.fleetTasks.id });
  const call = (taskId: string, agentId: string, hours: number, input: number, output: number, cost: number) => ({
    workspaceId,
    provider: 'mock',
    model: 'echo',
    inputTokens: input,
    outputTokens: output,
    costUsd: cost,
    latencyMs: 5,
    outcome: 'success' as const,
    agentId,
    taskId,
    createdAt: at(hours),
  });
  await t.database.db
    .insert(schema.llmCalls)
    .values([
      call(x1, a, 0.5, 100, 50, 0.01),
      call(x1, a, -0.5, 999, 999, 9),
      call(x3, b, 2.5, 10, 5, 0.002),
      call(randomUUID(), a, 1, 7, 7, 0.5),
    ]);
  await t.database.db.insert(schema.agentTasks).values([
    { workspaceId, agentId: a, id: x1, kind: 'fleet_task', status: 'succeeded', startedAt: at(-1), finishedAt: at(1) },
    { workspaceId, agentId: a, kind: 'conversation_turn', status: 'running', startedAt: at(2), owner: 'seed' },
  ]);
  const trip = (agentId: string, code: string, hours: number) => ({
    workspaceId,
    code: code as 'delegation_loop',
    message: 'seeded',
    rootTaskId: randomUUID(),
    taskId: randomUUID(),
    fromAgentId: agentId,
    fleetId,
    createdAt: at(hours),
  });
  await t.database.db
    .insert(schema.delegationTrips)
    .values([trip(a, 'delegation_loop', 1), trip(a, 'delegation_loop', -1), trip(b, 'budget_exceeded', 2)]);
  const record = (index: number, strategy: string, ms: number, hours: number, chosen: string) => ({
    workspaceId,
    fleetId,
    taskId: tasks[index]?.id ?? '',
    attempt: 1,
    strategy: strategy as 'least_loaded',
    candidates: [],
    chosen: [chosen],
    reason: 'seeded',
    decisionMs: ms,
    createdAt: at(hours),
  });
  await t.database.db
    .insert(schema.fleetRoutingRecords)
    .values([
      record(0, 'least_loaded', 2, -1, a),
      record(1, 'least_loaded', 4, 1, a),
      record(2, 'least_loaded', 6, 2, b),
      record(5, 'round_robin', 10, 3, a),
    ]);
});
afterAll(() => t.close());

describe('fleet metrics', () => {
  it('answers each figure as computed by hand, for a range that cuts tasks at both ends', async () => {
    const before = Date.now();
    const res = await owner.client.get(`/api/v1/fleets/${fleetId}/metrics`).query({ from, to, bucket: '1h' });
    const after = Date.now();
    expect(res.status, res.text).toBe(200);
    const { totals, members, queue, routing, series } = res.body;
    expect(totals.tasks).toEqual({ submitted: 6, succeeded: 2, failed: 1, cancelled: 1 });
    // Running time inside the range: 1 + 0.5 + 2 + 0.5 + 1 hours, over 4 slots for 4 hours.
    expect(totals.utilisation).toBeCloseTo(5 / 16, 9);
    expect(totals.successRate).toBe(0.5);
    expect(totals.errorRate).toBe(0.25);
    // Durations of the tasks that ended in the range: 2 h, 0.5 h, 0.5 h.
    expect(totals.latencyMs.p50).toBeCloseTo(0.5 * H, 3);
    expect(totals.latencyMs.p95).toBeCloseTo(1.85 * H, 3);
    expect(totals.usage).toMatchObject({ calls: 2, inputTokens: 110, outputTokens: 55 });
    expect(totals.usage.costUsd).toBeCloseTo(0.012, 9);
    expect(totals.limitTrips).toEqual({ delegation_loop: 1, budget_exceeded: 1 });
    expect(queue.depth).toBe(1);
    expect(queue.oldestAgeMs).toBeGreaterThanOrEqual(before - queuedAt.getTime() - 1);
    expect(queue.oldestAgeMs).toBeLessThanOrEqual(after - queuedAt.getTime() + 1);
    expect(routing).toEqual([
      { strategy: 'least_loaded', decisions: 2, decisionMsP50: 5 },
      { strategy: 'round_robin', decisions: 1, decisionMsP50: 10 },
    ]);
    const memberA = members.find((m: { agentId: string }) => m.agentId === a);
    const memberB = members.find((m: { agentId: string }) => m.agentId === b);
    expect(memberA.tasks).toEqual({ submitted: 2, succeeded: 2, failed: 0, cancelled: 0 });
    expect(memberA.utilisation).toBeCloseTo(2.5 / 8, 9);
    expect(memberA.usage.calls).toBe(1);
    expect(memberA.limitTrips).toEqual({ delegation_loop: 1 });
    expect(memberB.tasks).toEqual({ submitted: 2, succeeded: 0, failed: 1, cancelled: 0 });
    expect(memberB.utilisation).toBeCloseTo(2.5 / 4, 9);
    expect(memberB.errorRate).toBe(1);
    expect(series.map((s: { tasks: unknown }) => s.tasks)).toEqual([
      { submitted: 0, succeeded: 0, failed: 0, cancelled: 0 },
      { submitted: 1, succeeded: 2, failed: 0, cancelled: 0 },
      { submitted: 2, succeeded: 0, failed: 0, cancelled: 0 },
      { submitted: 3, succeeded: 0, failed: 1, cancelled: 1 },
    ]);
    expect(series.map((s: { usage: { calls: number } }) => s.usage.calls)).toEqual([1, 0, 1, 0]);
    expect(series[1].start).toBe(at(1).toISOString());
  });

  it('matches a plain-SQL recomputation of the totals', async () => {
    const res = await owner.client.get(`/api/v1/fleets/${fleetId}/metrics`).query({ from, to });
    expect(res.status, res.text).toBe(200);
    const f = sql`${from}::timestamptz`;
    const e = sql`${to}::timestamptz`;
    const expected = await one(sql`
      select
        (select count(*) from fleet_tasks where fleet_id = ${fleetId} and created_at >= ${f} and created_at < ${e})::int as submitted,
        (select count(*) from fleet_tasks where fleet_id = ${fleetId} and status = 'succeeded' and finished_at >= ${f} and finished_at < ${e})::int as succeeded,
        (select count(*) from fleet_tasks where fleet_id = ${fleetId} and status = 'failed' and finished_at >= ${f} and finished_at < ${e})::int as failed,
        (select count(*) from fleet_tasks where fleet_id = ${fleetId} and status = 'cancelled' and finished_at >= ${f} and finished_at < ${e})::int as cancelled,
        (select sum(greatest(0, extract(epoch from least(coalesce(finished_at, now()), ${e}) - greatest(started_at, ${f}))))
           from fleet_tasks where fleet_id = ${fleetId} and started_at is not null)::float8 * 1000
          / ((select max_concurrency from fleets where id = ${fleetId}) * 4 * ${H}) as utilisation,
        (select percentile_cont(array[0.5, 0.95]) within group (order by extract(epoch from finished_at - started_at) * 1000)
           from fleet_tasks where fleet_id = ${fleetId} and started_at is not null and finished_at >= ${f} and finished_at < ${e})::float8[] as latency,
        (select sum(c.cost_usd) from llm_calls c join fleet_tasks ft on c.task_id = any(ft.agent_task_ids)
           where ft.fleet_id = ${fleetId} and c.created_at >= ${f} and c.created_at < ${e})::float8 as cost,
        (select sum(c.input_tokens) from llm_calls c join fleet_tasks ft on c.task_id = any(ft.agent_task_ids)
           where ft.fleet_id = ${fleetId} and c.created_at >= ${f} and c.created_at < ${e})::int as input_tokens,
        (select count(*) from delegation_trips where fleet_id = ${fleetId} and created_at >= ${f} and created_at < ${e})::int as trips,
        (select count(*) from fleet_routing_records where fleet_id = ${fleetId} and created_at >= ${f} and created_at < ${e})::int as decisions`);
    const { totals, routing } = res.body;
    expect(totals.tasks).toEqual({
      submitted: expected.submitted,
      succeeded: expected.succeeded,
      failed: expected.failed,
      cancelled: expected.cancelled,
    });
    expect(totals.utilisation).toBeCloseTo(Number(expected.utilisation), 9);
    const [p50, p95] = expected.latency as number[];
    expect(totals.latencyMs.p50).toBeCloseTo(Number(p50), 3);
    expect(totals.latencyMs.p95).toBeCloseTo(Number(p95), 3);
    expect(totals.usage.costUsd).toBeCloseTo(Number(expected.cost), 9);
    expect(totals.usage.inputTokens).toBe(expected.input_tokens);
    expect(Object.values(totals.limitTrips as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(expected.trips);
    expect(routing.reduce((n: number, r: { decisions: number }) => n + r.decisions, 0)).toBe(expected.decisions);
  });

  it('answers zeros, not nulls, for a range with nothing in it', async () => {
    const res = await owner.client
      .get(`/api/v1/fleets/${fleetId}/metrics`)
      .query({ from: at(-40).toISOString(), to: at(-30).toISOString(), bucket: '1d' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.totals).toEqual({
      tasks: { submitted: 0, succeeded: 0, failed: 0, cancelled: 0 },
      utilisation: 0,
      successRate: 0,
      errorRate: 0,
      latencyMs: { p50: 0, p95: 0 },
      usage: { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0 },
      limitTrips: {},
    });
    expect(res.body.routing).toEqual([]);
    expect(res.body.series).toHaveLength(1);
  });

  it('defaults to the last 24 hours', async () => {
    const res = await owner.client.get(`/api/v1/fleets/${fleetId}/metrics`);
    expect(res.status, res.text).toBe(200);
    expect(new Date(res.body.to).getTime() - new Date(res.body.from).getTime()).toBe(24 * H);
    expect(res.body.bucket).toBeNull();
  });

  it.each([
    ['from after to', { from: to, to: from }],
    ['from equal to to', { from, to: from }],
    ['more than 90 days', { from: at(-91 * 24).toISOString(), to }],
    ['too many buckets', { from: at(-89 * 24).toISOString(), to, bucket: '5m' }],
    ['a date that is not one', { from: 'yesterday' }],
    ['an unknown bucket', { bucket: '2h' }],
  ])('refuses %s with 400', async (_, query) => {
    const res = await owner.client.get(`/api/v1/fleets/${fleetId}/metrics`).query(query);
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('answers 404 for an unknown fleet', async () => {
    const res = await owner.client.get(`/api/v1/fleets/${randomUUID()}/metrics`);
    expect(res.status).toBe(404);
  });
});

describe('agent metrics', () => {
  it('counts the agent’s own tasks, ledger rows, trips and the placements that chose it', async () => {
    const res = await owner.client.get(`/api/v1/agents/${a}/metrics`).query({ from, to });
    expect(res.status, res.text).toBe(200);
    const { totals, routing } = res.body;
    expect(totals.tasks).toEqual({ submitted: 1, succeeded: 1, failed: 0, cancelled: 0 });
    // 1 h of the fleet task, 2 h of the turn still running: 3 h over 4 h.
    expect(totals.utilisation).toBeCloseTo(0.75, 9);
    expect(totals.latencyMs.p50).toBeCloseTo(2 * H, 3);
    expect(totals.usage).toMatchObject({ calls: 2, inputTokens: 107 });
    expect(totals.limitTrips).toEqual({ delegation_loop: 1 });
    expect(routing).toEqual([
      { strategy: 'least_loaded', decisions: 1, decisionMsP50: 4 },
      { strategy: 'round_robin', decisions: 1, decisionMsP50: 10 },
    ]);
    expect(res.body).not.toHaveProperty('queue');
  });

  it('answers 404 for an unknown agent and 400 for a bad range', async () => {
    expect((await owner.client.get(`/api/v1/agents/${randomUUID()}/metrics`)).status).toBe(404);
    expect((await owner.client.get(`/api/v1/agents/${a}/metrics`).query({ from: to, to: from })).status).toBe(400);
  });

  it('is read by a viewer', async () => {
    const agent = await createMockAgent(owner, 'Metrics C');
    const viewer = await t.addUser(owner, 'viewer');
    expect((await viewer.client.get(`/api/v1/agents/${agent.id}/metrics`)).status).toBe(200);
  });
});
