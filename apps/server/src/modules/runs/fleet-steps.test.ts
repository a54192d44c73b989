import { schema } from '@agent-fleet/db';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fleetTaskClient, type TaskBody } from '../fleets/fleet-tasks.test-support.js';
import { waitForRunStatus } from './run-polling.test-support.js';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;
let fleets: ReturnType<typeof fleetTaskClient>;
beforeEach(async () => {
  // One try per model call, so a failing mock model fails its agent task at once.
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
  fleets = fleetTaskClient(owner);
});
afterEach(async () => {
  await t.close();
});

interface StepBody {
  key: string;
  status: string;
  attempt: number;
  output: { result: string; taskId: string; agentIds: string[]; routing: { strategy: string; chosen: string[]; reason: string } };
  error: { code: string; errorClass: string | null } | null;
  llmCalls: number;
  costUsd: number;
}

const ok = <T extends { status: number; text: string }>(res: T, status = 201): T => {
  expect(res.status, res.text).toBe(status);
  return res;
};

/** A fleet named `name` with one mock member of `model`. */
async function fleetNamed(name: string, model = 'echo', body: Record<string, unknown> = {}) {
  const fleetId = await fleets.fleet({ name, ...body });
  const agentId = await fleets.member(fleetId, `${name}-member`, model);
  return { fleetId, agentId };
}

const savePipeline = (name: string, source: string) =>
  owner.client.post('/api/v1/pipelines').send({ name, format: 'yaml', source });

async function startRun(pipeline: string, input: Record<string, unknown> = {}): Promise<string> {
  return ok(await owner.client.post('/api/v1/runs').send({ pipeline, input })).body.id as string;
}

const stepOf = (run: { steps: StepBody[] }, key: string): StepBody => {
  const step = run.steps.find((candidate) => candidate.key === key);
  if (!step) throw new Error(`no step ${key}`);
  return step;
};

async function tasksOf(fleetId: string): Promise<(TaskBody & { pipelineStep: unknown; idempotencyKey: string | null })[]> {
  const res = ok(await owner.client.get(`/api/v1/fleets/${fleetId}/tasks`), 200);
  return res.body.items;
}

const waitForTasks = (fleetId: string, count: number, statuses: readonly string[]) =>
  vi.waitFor(
    async () => {
      const tasks = (await tasksOf(fleetId)).filter((task) => statuses.includes(task.status));
      if (tasks.length < count) throw new Error(`${tasks.length} tasks are ${statuses.join('/')}`);
      return tasks;
    },
    { timeout: 20_000, interval: 20 },
  );

describe('fleet steps', () => {
  it('submits one task linked to the step, and ends with its answer, the routing decision and its model calls', async () => {
    const { fleetId, agentId } = await fleetNamed('writers');
    ok(
      await savePipeline(
        'ask-fleet',
        `inputs:
  topic: { type: string, required: true }
outputs:
  answer: \${{ steps.ask.output.result }}
steps:
  ask: { type: fleet, fleet: writers, input: 'Write about \${{ input.topic }}' }
`,
      ),
    );
    const runId = await startRun('ask-fleet', { topic: 'owls' });
    const run = await waitForRunStatus(owner.client, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const ask = stepOf(run, 'ask');
    expect(ask.output.result).toContain('owls');
    expect(run.outputs.answer).toBe(ask.output.result);
    expect(ask.output.agentIds).toEqual([agentId]);
    expect(ask.output.routing.chosen).toEqual([agentId]);
    expect(ask.output.routing.strategy).toBe('round_robin');
    expect(ask.output.routing.reason.length).toBeGreaterThan(0);
    // The task's model call is the step's and the run's, as an agent step's is.
    expect(ask.llmCalls).toBe(1);
    expect(run.llmCalls).toBe(1);

    const tasks = await tasksOf(fleetId);
    expect(tasks).toHaveLength(1);
    const [task] = tasks;
    expect(task?.id).toBe(ask.output.taskId);
    expect(task?.pipelineStep).toMatchObject({ runId, stepKey: 'ask' });
    expect(task?.idempotencyKey).toMatch(new RegExp(`^pipeline:${runId}:[0-9a-f-]{36}:1$`));
    // Its ledger rows name the run and the step.
    const calls = await t.database.db.select().from(schema.llmCalls).where(eq(schema.llmCalls.runId, runId));
    expect(calls.map((call) => call.stepId)).toEqual(['ask']);
  });

  it('runs a fleet step as a map body: one task per item, outputs in item order', async () => {
    const { fleetId } = await fleetNamed('mappers');
    ok(
      await savePipeline(
        'fan-out',
        `steps:
  each: { type: map, items: '["red", "green", "blue"]', concurrency: 2, maxFailures: 0, step: { type: fleet, fleet: mappers, input: 'Colour \${{ item }}' } }
`,
      ),
    );
    const runId = await startRun('fan-out');
    const run = await waitForRunStatus(owner.client, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const each = run.steps.find((step: StepBody) => step.key === 'each') as unknown as { output: { result: string }[] };
    expect(each.output.map((item) => item.result)).toEqual([
      expect.stringContaining('red'),
      expect.stringContaining('green'),
      expect.stringContaining('blue'),
    ]);
    const tasks = await tasksOf(fleetId);
    expect(tasks.map((task) => (task.pipelineStep as { stepKey: string }).stepKey).sort()).toEqual([
      'each[0]',
      'each[1]',
      'each[2]',
    ]);
  });

  it('refuses a label or version on a fleet reference, and a fleet that does not exist', async () => {
    await fleetNamed('writers');
    const labelled = await savePipeline('labelled', `steps:\n  ask: { type: fleet, fleet: writers@production, input: hi }\n`);
    expect(labelled.status).toBe(400);
    expect(labelled.body.errors).toEqual([
      expect.objectContaining({
        path: 'steps.ask.fleet',
        code: 'unsupported',
        message: expect.stringContaining('no versions or labels'),
      }),
    ]);
    const unknown = await savePipeline('unknown', `steps:\n  ask: { type: fleet, fleet: readers, input: hi }\n`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'steps.ask.fleet', code: 'unknown_reference' })]);
    // A fleet's name matches regardless of case, as fleet names are unique.
    ok(await savePipeline('cased', `steps:\n  ask: { type: fleet, fleet: WRITERS, input: hi }\n`));
  });

  it('fails the step with the task’s error class; the retry policy submits a new task', async () => {
    // The member's first model call fails (HTTP 500): the first task fails `provider_error`, the second succeeds.
    const { fleetId } = await fleetNamed('flaky', 'echo?fail=500&failTimes=1');
    ok(
      await savePipeline(
        'retrying',
        `steps:
  ask: { type: fleet, fleet: flaky, input: hello, retry: { maxAttempts: 2, backoff: { type: fixed, delay: 10ms }, on: [provider] } }
`,
      ),
    );
    const run = await waitForRunStatus(owner.client, await startRun('retrying'));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(stepOf(run, 'ask').attempt).toBe(2);
    const tasks = await tasksOf(fleetId);
    expect(tasks.map((task) => task.status).sort()).toEqual(['failed', 'succeeded']);
    expect(tasks.find((task) => task.status === 'failed')?.error?.code).toBe('provider_error');
    expect(tasks.map((task) => task.idempotencyKey?.slice(-2)).sort()).toEqual([':1', ':2']);
  });

  it('without a retry, the failure takes onError: continue with the task’s error code and class', async () => {
    await fleetNamed('broken', 'echo?fail=500');
    ok(
      await savePipeline(
        'continuing',
        `steps:
  ask: { type: fleet, fleet: broken, input: hello, retry: { maxAttempts: 1 }, onError: continue }
  after: { type: transform, needs: [ask], value: '\${{ steps.ask.status }}' }
`,
      ),
    );
    const run = await waitForRunStatus(owner.client, await startRun('continuing'));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(stepOf(run, 'ask').error).toMatchObject({ code: 'provider_error', errorClass: 'provider' });
    expect(stepOf(run, 'after').output).toBe('failed');
  });

  it('cancelling the run cancels its fleet task', async () => {
    // The member's model never answers until stopped.
    const { fleetId } = await fleetNamed('slow', 'echo?fail=timeout');
    ok(await savePipeline('stuck', `steps:\n  ask: { type: fleet, fleet: slow, input: hello }\n`));
    const runId = await startRun('stuck');
    const [task] = await waitForTasks(fleetId, 1, ['running']);
    ok(await owner.client.post(`/api/v1/runs/${runId}/cancel`).send({}), 200);
    expect((await fleets.waitFor(fleetId, task?.id ?? '')).status).toBe('cancelled');
    const run = await waitForRunStatus(owner.client, runId);
    expect(run.status).toBe('cancelled');
  });

  it('a fleet task cancelled on the fleet fails its step', async () => {
    const { fleetId } = await fleetNamed('slow', 'echo?fail=timeout');
    ok(await savePipeline('stuck', `steps:\n  ask: { type: fleet, fleet: slow, input: hello }\n`));
    const runId = await startRun('stuck');
    const [task] = await waitForTasks(fleetId, 1, ['running']);
    ok(await owner.client.post(`/api/v1/fleets/${fleetId}/tasks/${task?.id}/cancel`).send({}), 200);
    const run = await waitForRunStatus(owner.client, runId);
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'ask').error).toMatchObject({ code: 'fleet_task_cancelled', errorClass: null });
  });

  it('the sweep settles a step whose task ended without a notice, and cancels a task whose step ended', async () => {
    // A paused fleet keeps the tasks queued, where no attempt runs that could tell of their end.
    const { fleetId } = await fleetNamed('held');
    ok(await fleets.setState('fleets', fleetId, 'paused'), 200);
    ok(await savePipeline('held-up', `steps:\n  ask: { type: fleet, fleet: held, input: hello, retry: { maxAttempts: 1 } }\n`));
    const first = await startRun('held-up');
    const second = await startRun('held-up');
    await vi.waitFor(
      async () => {
        const [a, b] = await Promise.all([first, second].map((id) => owner.client.get(`/api/v1/runs/${id}`)));
        expect([stepOf(a?.body, 'ask').status, stepOf(b?.body, 'ask').status]).toEqual(['waiting', 'waiting']);
      },
      { timeout: 20_000, interval: 20 },
    );
    const tasks = await tasksOf(fleetId);
    const taskOf = (runId: string) => tasks.find((task) => (task.pipelineStep as { runId: string }).runId === runId);
    const { fleetTasks, pipelineStepRuns } = schema;
    // As a crash leaves them: the first task ended without telling its step; the second step ended
    // without its task being cancelled.
    await t.database.db
      .update(fleetTasks)
      .set({ status: 'failed', error: { code: 'lease_lost', message: 'Its worker died' }, finishedAt: new Date() })
      .where(eq(fleetTasks.id, taskOf(first)?.id ?? ''));
    await t.database.db
      .update(pipelineStepRuns)
      .set({ status: 'cancelled', finishedAt: new Date() })
      .where(eq(pipelineStepRuns.runId, second));

    const run = await waitForRunStatus(owner.client, first);
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'ask').error).toMatchObject({ code: 'lease_lost', errorClass: null });
    expect((await fleets.waitFor(fleetId, taskOf(second)?.id ?? '')).status).toBe('cancelled');
  });

  it('a full queue (429) and a draining fleet (409) are retryable classes', async () => {
    const full = await fleetNamed('full', 'echo', { queueLimit: 0 });
    ok(await fleets.setState('fleets', full.fleetId, 'paused'), 200);
    // A draining fleet with nothing running pauses by itself at the dispatcher's next sweep, and a paused
    // fleet queues the step's task instead of refusing it: the step would wait for it forever. A task
    // still running keeps the fleet draining, whenever the sweep comes (one comes here, on purpose).
    const draining = await fleetNamed('draining', 'echo?latencyMs=60000');
    const inFlight = ok(await fleets.submit(draining.fleetId, { input: 'keeps it draining' }));
    await fleets.waitFor(draining.fleetId, inFlight.body.id, ['running']);
    ok(await fleets.setState('fleets', draining.fleetId, 'draining'), 200);
    await t.fleetDispatcher.sweep();
    ok(
      await savePipeline(
        'refused',
        `steps:
  a: { type: fleet, fleet: full, input: hello, retry: { maxAttempts: 1 }, onError: continue }
  b: { type: fleet, fleet: draining, input: hello, retry: { maxAttempts: 1 }, onError: continue }
`,
      ),
    );
    const run = await waitForRunStatus(owner.client, await startRun('refused'));
    expect(stepOf(run, 'a').error).toMatchObject({ code: 'fleet_queue_full', errorClass: 'rate_limited' });
    expect(stepOf(run, 'b').error).toMatchObject({ code: 'fleet_unavailable', errorClass: 'unavailable' });
    expect(await tasksOf(full.fleetId)).toHaveLength(0);
    expect((await tasksOf(draining.fleetId)).map((task) => task.id)).toEqual([inFlight.body.id]);
  });

  it('a step run again after its worker lost it mid-submission finds its task instead of submitting a second', async () => {
    const { fleetId } = await fleetNamed('steady', 'echo?latencyMs=1500');
    ok(await savePipeline('once', `steps:\n  ask: { type: fleet, fleet: steady, input: hello }\n`));
    const runId = await startRun('once');
    const [task] = await waitForTasks(fleetId, 1, ['running']);
    const { pipelineStepRuns } = schema;
    // A task placed when it is submitted runs before the step has recorded that it waits for it: the
    // step's own transaction must have committed before the crash is staged, or it overwrites the stage.
    await vi.waitFor(async () => {
      const [step] = await t.database.db.select().from(pipelineStepRuns).where(eq(pipelineStepRuns.runId, runId));
      expect(step?.status).toBe('waiting');
    });
    // As a crash leaves it: the task was submitted, but the step never recorded that it waits for it.
    await t.database.db
      .update(pipelineStepRuns)
      .set({ status: 'running', leaseOwner: t.engine.workerId, state: null })
      .where(eq(pipelineStepRuns.runId, runId));
    const run = await waitForRunStatus(owner.client, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const ask = stepOf(run, 'ask');
    expect(ask.attempt).toBe(2);
    expect(ask.output.taskId).toBe(task?.id);
    expect(await tasksOf(fleetId)).toHaveLength(1);
  });
});
