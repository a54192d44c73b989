import { randomUUID } from 'node:crypto';
import type { Dashboard, DashboardFigures } from '@agent-fleet/contracts';
import { schema } from '@agent-fleet/db';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

const MIN = 60_000;
const H = 60 * MIN;
let t: TestApp;
let owner: SignedIn;
let workspaceId: string;
let alpha: { id: string; name: string };
let beta: { id: string; name: string };
let runId: string;

type Rows = { rows: Record<string, unknown>[] } | Record<string, unknown>[];
async function rows(query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await t.database.db.execute(query)) as Rows;
  return Array.isArray(result) ? result : result.rows;
}
const one = async (query: SQL): Promise<Record<string, unknown>> => (await rows(query))[0] ?? {};
const num = async (query: SQL): Promise<number> => Number(Object.values(await one(query))[0] ?? 0);
const ago = (ms: number) => new Date(Date.now() - ms);

async function dashboard(range = '24h'): Promise<Dashboard> {
  const res = await owner.client.get(`/api/v1/dashboard?range=${range}`);
  expect(res.status, res.text).toBe(200);
  return res.body as Dashboard;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  alpha = await createMockAgent(owner, 'Alpha', 'echo?inputTokens=100&outputTokens=40');
  beta = await createMockAgent(owner, 'Beta');
  const [row] = await t.database.db.select().from(schema.agents).where(eq(schema.agents.id, alpha.id));
  if (!row) throw new Error('the agent was not stored');
  workspaceId = row.workspaceId;
  // One real chat turn: an agent task and a ledger row written by the app itself.
  const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: alpha.id })).body;
  expect((await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content: 'hi' })).status).toBe(200);
  expect((await owner.client.put(`/api/v1/agents/${beta.id}/admin-state`).send({ adminState: 'paused' })).status).toBe(200);

  const pipeline = await owner.client
    .post('/api/v1/pipelines')
    .send({ name: 'seeded', format: 'yaml', source: 'steps:\n  a:\n    type: transform\n    value: 1\n' });
  expect(pipeline.status, pipeline.text).toBe(201);
  const [version] = await t.database.db.select().from(schema.pipelineVersions);
  if (!version) throw new Error('the pipeline version was not stored');
  const run = (status: string, created: number, finished: number | null, error: string | null = null) => ({
    workspaceId,
    pipelineId: version.pipelineId,
    versionId: version.id,
    pipelineName: 'seeded',
    version: 1,
    status: status as 'queued',
    trigger: 'api' as const,
    input: {},
    createdAt: ago(created),
    startedAt: status === 'queued' ? null : ago(created),
    finishedAt: finished === null ? null : ago(finished),
    error: error ? { code: error, message: `${error} happened`, errorClass: null } : null,
  });
  const runs = await t.database.db
    .insert(schema.pipelineRuns)
    .values([
      run('succeeded', 3 * H, 2 * H),
      run('failed', 2 * H, 1 * H, 'step_failed'),
      run('running', 30 * MIN, null),
      run('queued', 10 * MIN, null),
      run('succeeded', 30 * H, 29 * H),
      run('cancelled', 26 * H, 25 * H),
    ])
    .returning({ id: schema.pipelineRuns.id });
  runId = runs[2]?.id ?? '';
  await t.database.db.insert(schema.pipelineStepRuns).values({
    workspaceId,
    runId,
    stepId: 'gate',
    key: 'gate',
    type: 'approval',
    status: 'waiting',
  });
  await t.database.db
    .insert(schema.pipelineApprovals)
    .values({ runId: runs[0]?.id ?? '', stepKey: 'ok', workspaceId, decision: 'approved', decidedAt: ago(2.5 * H) });

  const task = (agentId: string, status: string, started: number, finished: number | null, code?: string) => ({
    workspaceId,
    agentId,
    kind: 'conversation_turn' as const,
    status: status as 'running',
    startedAt: ago(started),
    finishedAt: finished === null ? null : ago(finished),
    error: code ? { code, message: `${code} happened` } : null,
    ...(status === 'running' ? { owner: 'seed' } : {}),
  });
  const tasks = await t.database.db
    .insert(schema.agentTasks)
    .values([
      task(beta.id, 'succeeded', 5 * H, 5 * H - 2_000),
      task(beta.id, 'succeeded', 4 * H, 4 * H - 9_000),
      task(beta.id, 'failed', 3 * H, 3 * H - 500, 'provider_error'),
      task(alpha.id, 'cancelled', 2 * H, 2 * H - 100),
      task(alpha.id, 'running', 20 * MIN, null),
      task(beta.id, 'succeeded', 30 * H, 30 * H - 4_000),
      task(beta.id, 'failed', 40 * H, 40 * H - 1_000, 'timeout'),
      // Started before the range, ended in it: an end in the range, no start.
      task(beta.id, 'succeeded', 24 * H + 10 * MIN, 23 * H),
    ])
    .returning({ id: schema.agentTasks.id });

  const call = (
    provider: string,
    agentId: string | null,
    minutes: number,
    cost: number,
    ttft: number | null,
    outcome: 'success' | 'error' = 'success',
  ) => ({
    workspaceId,
    provider,
    model: provider === 'mock' ? 'echo' : 'gpt-x',
    inputTokens: 100,
    outputTokens: 20,
    costUsd: cost,
    latencyMs: 50,
    timeToFirstTokenMs: ttft,
    outcome,
    errorClass: outcome === 'error' ? ('rate_limited' as const) : null,
    errorMessage: outcome === 'error' ? 'slow down' : null,
    agentId,
    taskId: agentId === beta.id ? (tasks[0]?.id ?? null) : null,
    createdAt: ago(minutes * MIN),
  });
  await t.database.db
    .insert(schema.llmCalls)
    .values([
      call('mock', beta.id, 5, 0.25, 120),
      call('mock', beta.id, 90, 0.5, 80),
      call('openai', beta.id, 10, 0, null, 'error'),
      call('openai', beta.id, 50, 1.25, 300),
      call('openai', null, 600, 0.125, 40),
      call('mock', beta.id, 26 * 60, 2, 500),
      call('openai', beta.id, 30 * 60, 0, null, 'error'),
    ]);
  const trip = (minutes: number) => ({
    workspaceId,
    code: 'delegation_loop' as const,
    message: 'seeded',
    rootTaskId: randomUUID(),
    taskId: randomUUID(),
    fromAgentId: beta.id,
    createdAt: ago(minutes * MIN),
  });
  await t.database.db.insert(schema.delegationTrips).values([trip(15), trip(25 * 60)]);

  const fleet = await owner.client.post('/api/v1/fleets').send({ name: 'Seeded fleet', adminState: 'paused' });
  expect(fleet.status, fleet.text).toBe(201);
  await t.database.db.insert(schema.fleetTasks).values([
    { workspaceId, fleetId: fleet.body.id, input: 'one', status: 'queued' },
    { workspaceId, fleetId: fleet.body.id, input: 'two', status: 'queued' },
  ]);

  // Another workspace's rows count nowhere.
  const elsewhere = await owner.client.post('/api/v1/workspaces').send({ name: 'Elsewhere' });
  expect(elsewhere.status).toBe(201);
  await t.database.db.insert(schema.llmCalls).values({ ...call('mock', null, 5, 7, 10), workspaceId: elsewhere.body.id });
}, 60_000);
afterAll(() => t.close());

/** The figures of `[from, to)` as plain SQL reads them, one question at a time. */
async function recompute(from: string, to: string): Promise<DashboardFigures> {
  const inRange = (column: string) => sql`${sql.raw(column)} >= ${from}::timestamptz and ${sql.raw(column)} < ${to}::timestamptz`;
  const ws = sql`workspace_id = ${workspaceId}`;
  const work = async (table: string, begun: string) => ({
    started: await num(sql`select count(*) from ${sql.raw(table)} where ${ws} and ${inRange(begun)}`),
    succeeded: await num(
      sql`select count(*) from ${sql.raw(table)} where ${ws} and status = 'succeeded' and ${inRange('finished_at')}`,
    ),
    failed: await num(
      sql`select count(*) from ${sql.raw(table)} where ${ws} and status = 'failed' and ${inRange('finished_at')}`,
    ),
    cancelled: await num(
      sql`select count(*) from ${sql.raw(table)} where ${ws} and status = 'cancelled' and ${inRange('finished_at')}`,
    ),
  });
  const tasks = await work('agent_tasks', 'started_at');
  const runs = await work('pipeline_runs', 'created_at');
  const ended = tasks.succeeded + tasks.failed + tasks.cancelled + runs.succeeded + runs.failed + runs.cancelled;
  const duration = sql`extract(epoch from finished_at - started_at) * 1000`;
  const latency = (p: number) =>
    num(sql`select coalesce(percentile_cont(${sql.raw(String(p))}) within group (order by ${duration}), 0)::float8
      from agent_tasks where ${ws} and ${inRange('finished_at')}`);
  const ttft = (p: number) =>
    num(sql`select coalesce(percentile_cont(${sql.raw(String(p))}) within group (order by time_to_first_token_ms), 0)::float8
      from llm_calls where ${ws} and ${inRange('created_at')} and time_to_first_token_ms is not null`);
  const sum = (column: string) =>
    num(sql`select coalesce(sum(${sql.raw(column)}), 0)::float8 from llm_calls where ${ws} and ${inRange('created_at')}`);
  return {
    tasks,
    runs,
    successRate: ended ? (tasks.succeeded + runs.succeeded) / ended : 0,
    latencyMs: { p50: await latency(0.5), p95: await latency(0.95) },
    timeToFirstTokenMs: { p50: await ttft(0.5), p95: await ttft(0.95) },
    usage: {
      calls: await num(sql`select count(*) from llm_calls where ${ws} and ${inRange('created_at')}`),
      inputTokens: await sum('input_tokens'),
      outputTokens: await sum('output_tokens'),
      cachedInputTokens: await sum('cached_input_tokens'),
      reasoningTokens: await sum('reasoning_tokens'),
      costUsd: await sum('cost_usd'),
    },
    failedCalls: await num(sql`select count(*) from llm_calls where ${ws} and outcome = 'error' and ${inRange('created_at')}`),
    limitTrips: await num(sql`select count(*) from delegation_trips where ${ws} and ${inRange('created_at')}`),
  };
}

const closeTo = (figures: DashboardFigures) => ({
  ...figures,
  successRate: expect.closeTo(figures.successRate, 9),
  latencyMs: { p50: expect.closeTo(figures.latencyMs.p50, 6), p95: expect.closeTo(figures.latencyMs.p95, 6) },
  usage: { ...figures.usage, costUsd: expect.closeTo(figures.usage.costUsd, 9) },
});

describe('GET /api/v1/dashboard', () => {
  it('matches a plain SQL recomputation of the range and of the period before it, for every range', async () => {
    for (const range of ['1h', '24h', '7d', '30d']) {
      const body = await dashboard(range);
      expect(body.range).toBe(range);
      expect(new Date(body.to).getTime() - new Date(body.from).getTime()).toBe(
        new Date(body.from).getTime() - new Date(body.previousFrom).getTime(),
      );
      expect(body.current).toEqual(closeTo(await recompute(body.from, body.to)));
      expect(body.previous).toEqual(closeTo(await recompute(body.previousFrom, body.from)));
    }
    // The seeds are where the test means them to be: non-zero figures in both periods.
    const day = await dashboard('24h');
    expect(day.current.tasks.succeeded).toBe(4);
    expect(day.previous.tasks.failed).toBe(1);
    expect(day.previous.usage.calls).toBe(2);
    expect(day.current.timeToFirstTokenMs.p95).toBeGreaterThan(0);
  });

  it('counts the state now as the rows hold it', async () => {
    const { state } = await dashboard();
    const ws = sql`workspace_id = ${workspaceId}`;
    expect(state.agents.total).toBe(await num(sql`select count(*) from agents where ${ws}`));
    expect(state.agents.admin.paused).toBe(
      await num(sql`select count(*) from agent_admin_states where ${ws} and admin_state = 'paused'`),
    );
    expect(state.agents.admin.active).toBe(state.agents.total - state.agents.admin.paused);
    const busy = await num(sql`select count(distinct agent_id) from agent_tasks where ${ws} and status = 'running'`);
    expect(busy).toBe(1);
    expect(state.agents.observed.busy).toBe(busy);
    expect(state.fleets).toEqual([
      {
        id: expect.any(String),
        name: 'Seeded fleet',
        queued: await num(sql`select count(*) from fleet_tasks where ${ws} and status = 'queued'`),
        running: 0,
      },
    ]);
    expect(state.fleets[0]?.queued).toBe(2);
    expect(state.runs).toEqual({
      running: await num(sql`select count(*) from pipeline_runs where ${ws} and status = 'running'`),
      queued: await num(sql`select count(*) from pipeline_runs where ${ws} and status = 'queued'`),
      waitingForApproval: await num(
        sql`select count(distinct run_id) from pipeline_step_runs where ${ws} and type = 'approval' and status = 'waiting'`,
      ),
    });
    expect(state.runs.waitingForApproval).toBe(1);
    const hour = ago(H).toISOString();
    const providerRows =
      await rows(sql`select provider, count(*)::int as calls, count(*) filter (where outcome = 'error')::int as errors
      from llm_calls where ${ws} and created_at >= ${hour}::timestamptz group by provider`);
    for (const row of providerRows) {
      const provider = state.providers.find((entry) => entry.id === row['provider']);
      // Within a second of the server's own hour: the seeds sit well inside it.
      expect(provider).toMatchObject({ calls: Number(row['calls']), errors: Number(row['errors']) });
    }
    expect(state.providers.find((entry) => entry.id === 'openai')).toMatchObject({ health: 'unconfigured', errorRate: 0.5 });
    expect(state.providers.find((entry) => entry.id === 'mock')).toMatchObject({ ready: true, health: 'healthy' });
    expect(state.server).toMatchObject({ version: expect.any(String), database: t.database.driver });
    expect(state.server.uptimeSeconds).toBeGreaterThan(0);
  });

  it('draws every bucket of the range, and spends by agent and by model as the ledger sums them', async () => {
    const body = await dashboard('24h');
    expect(body.series).toHaveLength(24);
    expect(body.bucket).toBe('1h');
    for (const bucket of body.series) {
      const start = new Date(bucket.start);
      const end = new Date(start.getTime() + H);
      const sums = await one(sql`select count(*)::int as calls, count(*) filter (where outcome = 'error')::int as failed,
        coalesce(sum(cost_usd), 0)::float8 as cost, coalesce(sum(input_tokens + output_tokens), 0)::int as tokens
        from llm_calls where workspace_id = ${workspaceId}
          and created_at >= ${start.toISOString()}::timestamptz and created_at < ${end.toISOString()}::timestamptz`);
      expect(bucket).toEqual({
        start: bucket.start,
        calls: Number(sums['calls']),
        failedCalls: Number(sums['failed']),
        costUsd: expect.closeTo(Number(sums['cost']), 9),
        tokens: Number(sums['tokens']),
      });
    }
    expect(body.series.reduce((total, bucket) => total + bucket.calls, 0)).toBe(body.current.usage.calls);

    const byAgent =
      await rows(sql`select coalesce(agent_id::text, '') as key, count(*)::int as calls, sum(cost_usd)::float8 as cost
      from llm_calls where workspace_id = ${workspaceId} and created_at >= ${body.from}::timestamptz and created_at < ${body.to}::timestamptz
      group by 1 order by 3 desc, 1`);
    expect(body.byAgent.map((row) => [row.key, row.calls])).toEqual(byAgent.map((row) => [row['key'], Number(row['calls'])]));
    expect(body.byAgent[0]).toMatchObject({ key: beta.id, label: 'Beta' });
    const byModel = await rows(sql`select provider || '/' || model as key, count(*)::int as calls
      from llm_calls where workspace_id = ${workspaceId} and created_at >= ${body.from}::timestamptz and created_at < ${body.to}::timestamptz
      group by 1`);
    expect(new Set(body.byModel.map((row) => `${row.key}:${row.calls}`))).toEqual(
      new Set(byModel.map((row) => `${String(row['key'])}:${Number(row['calls'])}`)),
    );
  });

  it('lists the failures and the activity of the range, newest first, each with its link', async () => {
    const body = await dashboard('24h');
    const range = sql`>= ${body.from}::timestamptz and created_at < ${body.to}::timestamptz`;
    const ws = sql`workspace_id = ${workspaceId}`;
    const failedCalls = await rows(sql`select id from llm_calls where ${ws} and outcome = 'error' and created_at ${range}`);
    const failedTasks = await rows(sql`select id from agent_tasks where ${ws} and status = 'failed'
      and finished_at >= ${body.from}::timestamptz and finished_at < ${body.to}::timestamptz`);
    const failedRuns = await rows(sql`select id from pipeline_runs where ${ws} and status = 'failed'
      and finished_at >= ${body.from}::timestamptz and finished_at < ${body.to}::timestamptz`);
    expect(new Set(body.failures.map((failure) => `${failure.source}:${failure.id}`))).toEqual(
      new Set([
        ...failedCalls.map((row) => `call:${String(row['id'])}`),
        ...failedTasks.map((row) => `task:${String(row['id'])}`),
        ...failedRuns.map((row) => `run:${String(row['id'])}`),
      ]),
    );
    const times = body.failures.map((failure) => failure.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(body.failures.find((failure) => failure.source === 'call')).toMatchObject({
      errorClass: 'rate_limited',
      subject: 'openai/gpt-x',
      link: { kind: 'task', agentId: beta.id },
    });
    expect(body.failures.find((failure) => failure.source === 'task')).toMatchObject({
      errorClass: 'provider_error',
      subject: 'Beta',
      link: { kind: 'task', agentId: beta.id },
    });
    expect(body.failures.find((failure) => failure.source === 'run')).toMatchObject({
      errorClass: 'step_failed',
      link: { kind: 'run' },
    });

    const between = (column: string) =>
      sql`${sql.raw(column)} >= ${body.from}::timestamptz and ${sql.raw(column)} < ${body.to}::timestamptz`;
    const expected = {
      task_started: await num(sql`select count(*) from agent_tasks where ${ws} and ${between('started_at')}`),
      task_finished: await num(sql`select count(*) from agent_tasks where ${ws} and ${between('finished_at')}`),
      run_started: await num(sql`select count(*) from pipeline_runs where ${ws} and ${between('created_at')}`),
      run_finished: await num(sql`select count(*) from pipeline_runs where ${ws} and ${between('finished_at')}`),
      approval: await num(sql`select count(*) from pipeline_approvals where ${ws} and ${between('decided_at')}`),
      error: failedCalls.length,
      limit_trip: await num(sql`select count(*) from delegation_trips where ${ws} and ${between('created_at')}`),
    };
    const total = Object.values(expected).reduce((sum, count) => sum + count, 0);
    expect(total).toBeLessThanOrEqual(30);
    const kinds: Record<string, number> = {};
    for (const item of body.activity) kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
    expect(kinds).toEqual(Object.fromEntries(Object.entries(expected).filter(([, count]) => count > 0)));
    const activityTimes = body.activity.map((item) => item.at);
    expect(activityTimes).toEqual([...activityTimes].sort().reverse());
    expect(body.activity.find((item) => item.kind === 'approval')).toMatchObject({ detail: 'approved', link: { kind: 'run' } });
    expect(body.activity.find((item) => item.kind === 'limit_trip')).toMatchObject({
      subject: 'Beta',
      detail: 'delegation_loop',
      link: { kind: 'agent', agentId: beta.id },
    });
  });

  it('answers a new workspace with zeros and empty lists', async () => {
    const second = await owner.client.post('/api/v1/workspaces').send({ name: 'Brand new' });
    expect(second.status).toBe(201);
    const res = await t.client(owner.token, second.body.id as string).get('/api/v1/dashboard');
    expect(res.status).toBe(200);
    const body = res.body as Dashboard;
    expect(body.range).toBe('24h');
    expect(body.current.usage.calls).toBe(0);
    expect(body.current.successRate).toBe(0);
    expect(body.state.agents.total).toBe(0);
    expect(body.series.every((bucket) => bucket.calls === 0)).toBe(true);
    expect([body.byAgent, body.byModel, body.failures, body.activity, body.state.fleets]).toEqual([[], [], [], [], []]);
  });

  it('lets a viewer read it, and refuses a range it does not offer or an unknown parameter with 400', async () => {
    const viewer = await t.addUser(owner, 'viewer');
    expect((await viewer.client.get('/api/v1/dashboard?range=7d')).status).toBe(200);
    const bad = await owner.client.get('/api/v1/dashboard?range=2h');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.path).toBe('query.range');
    expect((await owner.client.get('/api/v1/dashboard?range=1h&from=2020-01-01')).status).toBe(400);
    expect((await t.anonymous.get('/api/v1/dashboard')).status).toBe(401);
  });
});
