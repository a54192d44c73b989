import { schema } from '@agent-fleet/db';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';
import { fleetTaskClient, type RoutingBody, type TaskBody } from './fleet-tasks.test-support.js';

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

const base = '/api/v1/fleets';

describe('submitting a task to a fleet', () => {
  it('places it on a free member as it is submitted, runs it on the mock provider and records the outcome with its routing record', async () => {
    const fleetId = await api.fleet({ strategy: { type: 'least_loaded' } });
    const agentId = await api.member(fleetId, 'Echo');
    const res = await api.submit(fleetId, { input: 'Hello, fleet' });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.location).toBe(`${base}/${fleetId}/tasks/${res.body.id}`);
    // Nothing waited and a member was free: placed in the submission's own transaction.
    expect(res.body).toMatchObject({
      status: 'running',
      input: 'Hello, fleet',
      priority: 0,
      skills: [],
      attempt: 1,
      agentIds: [agentId],
    });

    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', agentIds: [agentId], attempt: 1, error: null, llmCalls: 1 });
    expect(done.output).toContain('Hello, fleet');
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(Date.parse(done.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(done.startedAt ?? ''));
    expect(done.routing).toEqual([
      expect.objectContaining({ taskId: res.body.id, attempt: 1, strategy: 'least_loaded', chosen: [agentId], aggregator: null }),
    ]);
    // The agent's own history shows the task it ran, as a fleet task.
    const agentTask = await owner.client.get(`/api/v1/agents/${agentId}/tasks/${done.agentTaskIds[0]}`);
    expect(agentTask.body).toMatchObject({ kind: 'fleet_task', status: 'succeeded', summary: 'Hello, fleet' });

    const list = await owner.client.get(`${base}/${fleetId}/tasks?status=succeeded`);
    expect(list.body.items.map((task: TaskBody) => task.id)).toEqual([res.body.id]);
    expect((await owner.client.get(`${base}/${fleetId}/tasks?status=queued`)).body.items).toEqual([]);
  });

  it('gives an object input to the agent as JSON', async () => {
    const fleetId = await api.fleet();
    await api.member(fleetId, 'Echo');
    const res = await api.submit(fleetId, { input: { ticket: 42, subject: 'Refund' } });
    expect(res.status, res.text).toBe(201);
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.output).toContain('"ticket": 42');
  });

  it('answers the task it first created for a repeated idempotency key, in the body or as a header', async () => {
    const fleetId = await api.fleet({ adminState: 'paused' });
    const first = await api.submit(fleetId, { input: 'once', idempotencyKey: 'order-7' });
    const again = await api.submit(fleetId, { input: 'once', idempotencyKey: 'order-7' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const header = await owner.client.post(`${base}/${fleetId}/tasks`).set('Idempotency-Key', 'order-7').send({ input: 'once' });
    expect(header.body.id).toBe(first.body.id);
    const mismatch = await owner.client
      .post(`${base}/${fleetId}/tasks`)
      .set('Idempotency-Key', 'order-8')
      .send({ input: 'once', idempotencyKey: 'order-7' });
    expect(mismatch.status).toBe(400);
    expect((await owner.client.get(`${base}/${fleetId}/tasks`)).body.total).toBe(1);
  });

  it('refuses bad input with 400 naming each field, and stores nothing', async () => {
    const fleetId = await api.fleet();
    const res = await api.submit(fleetId, { input: '', skills: ['SQL', 'sql'], priority: 1.5, extra: 1 });
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((error) => error.path)).toEqual(
      expect.arrayContaining(['input', 'skills', 'priority', 'extra']),
    );
    expect((await owner.client.get(`${base}/${fleetId}/tasks`)).body.total).toBe(0);
    expect((await api.submit('00000000-0000-4000-8000-000000000000', { input: 'x' })).status).toBe(404);
  });

  it('keeps tasks of a paused fleet queued, saying why, and refuses the excess past queueLimit with 429 fleet_queue_full', async () => {
    const fleetId = await api.fleet({ adminState: 'paused', queueLimit: 2 });
    await api.member(fleetId, 'Echo');
    const accepted = [await api.submit(fleetId, { input: 'one' }), await api.submit(fleetId, { input: 'two' })];
    expect(accepted.map((res) => res.status)).toEqual([201, 201]);
    await vi.waitFor(async () => {
      for (const res of accepted) expect((await api.task(fleetId, res.body.id)).waitingReason).toBe('the fleet is paused');
    });
    const before = await t.database.db.select().from(schema.fleetTasks);
    const refused = await api.submit(fleetId, { input: 'three' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('fleet_queue_full');
    expect(refused.headers['retry-after']).toBe('5');
    expect(await t.database.db.select().from(schema.fleetTasks)).toEqual(before);

    // Resumed, the fleet works through its queue.
    expect((await api.setState('fleets', fleetId, 'active')).status).toBe(200);
    for (const res of accepted) expect((await api.waitFor(fleetId, res.body.id)).status).toBe('succeeded');
  });

  it('writes a routing record naming every member with its score or why it was left out, the choice, the reason and the time', async () => {
    const fleetId = await api.fleet({ strategy: { type: 'least_loaded' } });
    const able = await api.member(fleetId, 'Able', 'echo', { skills: ['sql'], maxConcurrent: 2 });
    const paused = await api.member(fleetId, 'Resting', 'echo', { skills: ['sql'] });
    const unskilled = await api.member(fleetId, 'Generalist');
    expect((await api.setState('agents', paused, 'paused')).status).toBe(200);
    const res = await api.submit(fleetId, { input: 'Which index?', skills: ['sql'] });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done.agentIds).toEqual([able]);
    const [record] = done.routing ?? [];
    expect(record?.candidates).toEqual(
      expect.arrayContaining([
        { agentId: able, eligible: true, excluded: [], score: 0, rank: 1, note: 'in flight 0/2' },
        { agentId: paused, eligible: false, excluded: ['not_active'], score: null, rank: null, note: 'paused' },
        {
          agentId: unskilled,
          eligible: false,
          excluded: ['missing_skills'],
          score: null,
          rank: null,
          note: 'missing skills: sql',
        },
      ]),
    );
    expect(record?.candidates).toHaveLength(3);
    expect(record?.chosen).toEqual([able]);
    expect(record?.reason).toMatch(/^least loaded: Able .*\(excluded: /);
    expect(record?.reason).toContain('Resting: paused');
    expect(record?.reason).toContain('Generalist: missing skills: sql');
    expect(record?.decisionMs).toBeGreaterThanOrEqual(0);
    expect(record?.decisionMs).toBeLessThan(1000);

    const routing = await owner.client.get(`${base}/${fleetId}/routing`);
    expect(routing.body.items).toEqual([expect.objectContaining({ taskId: res.body.id, chosen: [able] })]);
    const ofTask = await owner.client.get(`${base}/${fleetId}/routing?taskId=${res.body.id}`);
    expect(ofTask.body.items).toHaveLength(1);
    const unknownTask = await owner.client.get(`${base}/${fleetId}/routing?taskId=00000000-0000-4000-8000-000000000000`);
    expect(unknownTask.status).toBe(404);
  });

  it('skips a paused member: round robin gives every task to the active one, and the paused one again once resumed', async () => {
    const fleetId = await api.fleet();
    const first = await api.member(fleetId, 'First');
    const second = await api.member(fleetId, 'Second');
    expect((await api.setState('agents', first, 'paused')).status).toBe(200);
    for (const input of ['a', 'b', 'c']) {
      const res = await api.submit(fleetId, { input });
      expect((await api.waitFor(fleetId, res.body.id)).agentIds).toEqual([second]);
    }
    expect((await api.setState('agents', first, 'active')).status).toBe(200);
    const chosen = new Set<string>();
    for (const input of ['d', 'e']) {
      const res = await api.submit(fleetId, { input });
      chosen.add((await api.waitFor(fleetId, res.body.id)).agentIds[0] ?? '');
    }
    expect(chosen).toEqual(new Set([first, second]));
  });

  it('places higher priorities first once capacity frees', async () => {
    const fleetId = await api.fleet({ adminState: 'paused', maxConcurrency: 1 });
    await api.member(fleetId, 'Echo');
    const low = await api.submit(fleetId, { input: 'low', priority: -5 });
    const high = await api.submit(fleetId, { input: 'high', priority: 50 });
    await api.setState('fleets', fleetId, 'active');
    const [lowDone, highDone] = [await api.waitFor(fleetId, low.body.id), await api.waitFor(fleetId, high.body.id)];
    expect(Date.parse(highDone.finishedAt ?? '')).toBeLessThanOrEqual(Date.parse(lowDone.startedAt ?? ''));
  });

  it('cancels a queued task and a running one (whose agent task stops), and answers 409 once it has ended', async () => {
    const fleetId = await api.fleet();
    const agentId = await api.member(fleetId, 'Hangs', 'echo?fail=timeout');
    const running = await api.submit(fleetId, { input: 'never answers' });
    await api.waitFor(fleetId, running.body.id, ['running']);
    const queued = await api.submit(fleetId, { input: 'waits' });
    await vi.waitFor(async () => {
      expect((await api.task(fleetId, queued.body.id)).waitingReason).toMatch(/no eligible member/);
    });

    const cancelQueued = await owner.client.post(`${base}/${fleetId}/tasks/${queued.body.id}/cancel`);
    expect(cancelQueued.status, cancelQueued.text).toBe(200);
    expect(cancelQueued.body).toMatchObject({ status: 'cancelled', attempt: 0 });
    const cancelRunning = await owner.client.post(`${base}/${fleetId}/tasks/${running.body.id}/cancel`);
    expect(cancelRunning.body.status).toBe('cancelled');
    await vi.waitFor(async () => {
      const tasks = await owner.client.get(`/api/v1/agents/${agentId}/tasks`);
      expect(tasks.body.items.map((task: { status: string }) => task.status)).toEqual(['cancelled']);
    });
    // The stopped attempt still counts: its agent task is the task's.
    await vi.waitFor(async () => expect((await api.task(fleetId, running.body.id)).agentTaskIds).toHaveLength(1));
    const again = await owner.client.post(`${base}/${fleetId}/tasks/${running.body.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect((await api.task(fleetId, running.body.id)).status).toBe('cancelled');
  });

  it("fails a task that outlives the fleet's taskTimeout", async () => {
    const fleetId = await api.fleet({ limits: { taskTimeout: '300ms' } });
    await api.member(fleetId, 'Hangs', 'echo?fail=timeout');
    const res = await api.submit(fleetId, { input: 'never answers' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'task_timeout' } });
  });

  it('refuses new tasks while draining, finishes the ones in flight, then pauses by itself', async () => {
    const fleetId = await api.fleet({ maxConcurrency: 2 });
    // Slow enough that both are still running when the fleet starts draining, on a loaded machine too.
    await api.member(fleetId, 'Slow', 'echo?latencyMs=3000', { maxConcurrent: 2 });
    const inFlight = [await api.submit(fleetId, { input: 'one' }), await api.submit(fleetId, { input: 'two' })];
    for (const res of inFlight) await api.waitFor(fleetId, res.body.id, ['running']);
    expect((await api.setState('fleets', fleetId, 'draining')).status).toBe(200);
    const refused = await api.submit(fleetId, { input: 'three' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('fleet_unavailable');
    for (const res of inFlight) expect((await api.waitFor(fleetId, res.body.id)).status).toBe('succeeded');
    await vi.waitFor(async () => expect((await owner.client.get(`${base}/${fleetId}`)).body.adminState).toBe('paused'), {
      timeout: 10_000,
    });
    const events = (await owner.client.get('/api/v1/audit-events?limit=100')).body.items as {
      action: string;
      metadata: object;
    }[];
    expect(events.find((event) => event.action === 'fleet.admin_state_changed')?.metadata).toMatchObject({
      from: 'draining',
      to: 'paused',
      automatic: true,
    });
  });

  it('re-queues every task a dead worker held and runs it again', async () => {
    const fleetId = await api.fleet({ maxConcurrency: 5 });
    const agentId = await api.member(fleetId, 'Echo', 'echo', { maxConcurrent: 5 });
    const workspaceId = (await owner.client.get('/api/v1/me')).body.memberships[0].workspaceId as string;
    // Three tasks claimed by a worker that then died: running, its lease run out.
    const orphans = await t.database.db
      .insert(schema.fleetTasks)
      .values(
        ['a', 'b', 'c'].map((input) => ({
          workspaceId,
          fleetId,
          input,
          status: 'running' as const,
          attempt: 1,
          agentIds: [agentId],
          leaseOwner: 'dead-host:1:gone',
          leaseExpiresAt: sql`now() - interval '1 second'`,
          startedAt: sql`now() - interval '20 seconds'`,
        })),
      )
      .returning({ id: schema.fleetTasks.id });
    for (const { id } of orphans) {
      expect(await api.waitFor(fleetId, id)).toMatchObject({ status: 'succeeded', attempt: 2, agentIds: [agentId] });
    }
    // One whose workers kept dying is given up, not run a fourth time.
    const [doomed] = await t.database.db
      .insert(schema.fleetTasks)
      .values({
        workspaceId,
        fleetId,
        input: 'd',
        status: 'running',
        attempt: 4,
        agentIds: [agentId],
        leaseOwner: 'dead-host:1:gone',
        leaseExpiresAt: sql`now() - interval '1 second'`,
        leaseLosses: 3,
      })
      .returning({ id: schema.fleetTasks.id });
    expect(await api.waitFor(fleetId, doomed?.id ?? '')).toMatchObject({
      status: 'failed',
      attempt: 4,
      error: { code: 'lease_lost' },
    });
  });

  it('broadcasts to every eligible member and answers by majority', async () => {
    const fleetId = await api.fleet({ strategy: { type: 'broadcast', combine: 'majority' }, maxConcurrency: 3 });
    const members = [
      await api.member(fleetId, 'First', 'echo?reply=Paris.'),
      await api.member(fleetId, 'Second', 'echo?reply=paris'),
      await api.member(fleetId, 'Third', 'echo?reply=Rome'),
    ];
    const res = await api.submit(fleetId, { input: 'Capital of France?' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', attempt: 1, llmCalls: 3 });
    expect(done.output?.toLowerCase()).toMatch(/^paris/);
    expect(new Set(done.agentIds)).toEqual(new Set(members));
    expect(done.agentTaskIds).toHaveLength(3);
    expect(new Set(done.routing?.[0]?.chosen)).toEqual(new Set(members));
  });

  it('has a broadcast merged by the aggregator, which holds a slot of its own', async () => {
    const fleetId = await api.fleet({ strategy: { type: 'broadcast', combine: 'aggregator' }, adminState: 'paused' });
    const answerers = [
      await api.member(fleetId, 'North', 'echo?reply=cold'),
      await api.member(fleetId, 'South', 'echo?reply=warm'),
    ];
    const aggregator = await api.member(fleetId, 'Merger', 'echo', { role: 'aggregator' });
    expect((await api.setState('fleets', fleetId, 'active')).status).toBe(200);
    const res = await api.submit(fleetId, { input: 'Weather?' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', llmCalls: 3 });
    expect(new Set(done.agentIds)).toEqual(new Set([...answerers, aggregator]));
    expect(done.routing?.[0]).toMatchObject({ aggregator });
    // The echo model repeats what it was asked: the merge request with both answers.
    expect(done.output).toContain('cold');
    expect(done.output).toContain('warm');
  });

  it("places a manager fleet's task where its manager's model chooses, and falls back to least loaded when it chooses no candidate", async () => {
    const fleetId = await api.fleet({ strategy: { type: 'manager' } });
    await api.member(fleetId, 'Writer');
    const analyst = await api.member(fleetId, 'Analyst');
    const choice = JSON.stringify({ agentId: analyst, reason: 'knows SQL best' });
    await api.member(fleetId, 'Boss', `echo?reply=${encodeURIComponent(choice)}`, { role: 'manager' });
    expect((await api.setState('fleets', fleetId, 'active')).status).toBe(200);
    const res = await api.submit(fleetId, { input: 'Which index?' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', agentIds: [analyst] });
    expect(done.routing?.[0]?.reason).toMatch(/^manager chose Analyst: knows SQL best/);

    // A manager whose model names nobody eligible: the documented fallback, said in the reason.
    const other = await api.fleet({ strategy: { type: 'manager' } });
    await api.member(other, 'Solo');
    await api.member(other, 'Vague', 'echo?reply=%7B%22agentId%22%3A%22nobody%22%2C%22reason%22%3A%22guess%22%7D', {
      role: 'manager',
    });
    expect((await api.setState('fleets', other, 'active')).status).toBe(200);
    const fallback = await api.waitFor(other, (await api.submit(other, { input: 'Anything' })).body.id);
    expect(fallback.status).toBe('succeeded');
    expect(fallback.routing?.[0]?.reason).toMatch(
      /the manager chose nobody, which is not an eligible candidate; fell back to least loaded/,
    );
  });

  it('escalates a cost_aware task that failed on the cheapest member to the next dearer one', async () => {
    const fleetId = await api.fleet({ strategy: { type: 'cost_aware', escalateOnFailure: true } });
    // `free` costs nothing and fails; `echo` costs $1 in / $2 out per 1M tokens and answers.
    const failing = await api.member(fleetId, 'Cheap', 'free?fail=500');
    const steady = await api.member(fleetId, 'Dearer', 'echo');
    const res = await api.submit(fleetId, { input: 'try twice' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', attempt: 2, agentIds: [steady] });
    expect(done.routing?.map((record: RoutingBody) => record.chosen)).toEqual([[failing], [steady]]);
    expect(done.routing?.[1]?.reason).toMatch(/escalated after Cheap failed/);
    expect(done.agentTaskIds).toHaveLength(2);
  });

  it('fails a cost_aware task once every member has failed it', async () => {
    const fleetId = await api.fleet({ strategy: { type: 'cost_aware', escalateOnFailure: true } });
    await api.member(fleetId, 'Cheap', 'free?fail=500');
    await api.member(fleetId, 'Dearer', 'echo?fail=500');
    const res = await api.submit(fleetId, { input: 'nobody can' });
    const done = await api.waitFor(fleetId, res.body.id);
    expect(done).toMatchObject({ status: 'failed', attempt: 2 });
    expect(done.error?.code).not.toBe('task_timeout');
  });
});
