import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuiltApp } from '../main.js';
import { fleetTaskClient } from '../modules/fleets/fleet-tasks.test-support.js';
import { waitForRunStatus } from '../modules/runs/run-polling.test-support.js';
import { createTestApp, buildSecondApp, type SignedIn, type TestApp } from '../test-support.js';
import type { AppTracing } from './otel-tracing.js';
import { childrenOf, one, startOtlpReceiver, tracingTo, type ReceivedSpan } from './otlp-receiver.test-support.js';

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let tracing: AppTracing;
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = await tracingTo(receiver);
  t = await createTestApp({ tracing });
  owner = await t.signupOwner();
}, 60_000);
afterAll(async () => {
  await t.close();
  await tracing.shutdown();
  receiver.server.close();
});

/** Flushes `through` until a span named `name` has arrived, and answers it. */
const arrived = (through: AppTracing, name: string) =>
  vi.waitFor(
    async () => {
      await through.flush();
      return one(receiver.spans, name);
    },
    { timeout: 10_000, interval: 50 },
  );

const savePipeline = async (client: SignedIn['client'], name: string, source: string) =>
  expect((await client.post('/api/v1/pipelines').send({ name, format: 'yaml', source })).status).toBe(201);

/** The `pipeline.step {id}` span under `run`. */
const stepSpan = (run: ReceivedSpan, id: string) => one(childrenOf(receiver.spans, run), `pipeline.step ${id}`);

describe('traces of work a step hands on', () => {
  it('puts a fleet step’s task, its agent task and model call under the step attempt, and a child run under its parent step', async () => {
    const fleets = fleetTaskClient(owner);
    const fleetId = await fleets.fleet({ name: 'tracers' });
    await fleets.member(fleetId, 'tracer');
    await savePipeline(owner.client, 'traced-child', `steps:\n  done: { type: transform, value: 'ok' }\n`);
    await savePipeline(
      owner.client,
      'traced-parent',
      `steps:
  ask: { type: fleet, fleet: tracers, input: 'Write a line' }
  sub: { type: pipeline, pipeline: traced-child, needs: [ask] }
`,
    );
    const created = await owner.client.post('/api/v1/runs').send({ pipeline: 'traced-parent' });
    expect(created.status, created.text).toBe(201);
    expect((await waitForRunStatus(owner.client, created.body.id)).status).toBe('succeeded');

    const parent = await arrived(tracing, 'pipeline.run traced-parent');
    const child = await arrived(tracing, 'pipeline.run traced-child');
    const trace = receiver.spans.filter((span) => span.traceId === parent.traceId);

    const ask = stepSpan(parent, 'ask');
    const fleetTask = one(trace, 'fleet.task tracers');
    expect(fleetTask.parentSpanId).toBe(ask.spanId);
    expect(fleetTask.attributes).toMatchObject({
      'agentfleet.fleet.id': fleetId,
      'agentfleet.fleet.name': 'tracers',
      'agentfleet.fleet_task.attempt': 1,
      'agentfleet.run.id': created.body.id,
      'agentfleet.step.key': 'ask',
    });
    const task = one(trace, 'invoke_agent tracer');
    expect(task.parentSpanId).toBe(fleetTask.spanId);
    expect(task.attributes['agentfleet.task.kind']).toBe('fleet_task');
    expect(childrenOf(trace, task).map((span) => span.name)).toEqual(['chat echo']);

    const sub = stepSpan(parent, 'sub');
    expect(child.traceId).toBe(parent.traceId);
    expect(child.parentSpanId).toBe(sub.spanId);
    expect(childrenOf(trace, child).map((span) => span.name)).toEqual(['pipeline.step done']);
  });

  it('puts a fleet task another server runs after a restart under the step attempt that submitted it', async () => {
    const first = await createTestApp({ tracing });
    const restartedTracing = await tracingTo(receiver);
    let restarted: BuiltApp | undefined;
    try {
      const admin = await first.signupOwner();
      const fleets = fleetTaskClient(admin);
      const fleetId = await fleets.fleet({ name: 'sleepers' });
      await fleets.member(fleetId, 'sleeper');
      // Paused, the fleet keeps the step's task queued: nothing of it runs on the first server.
      expect((await fleets.setState('fleets', fleetId, 'paused')).status).toBe(200);
      await savePipeline(admin.client, 'restarted-fleet', `steps:\n  ask: { type: fleet, fleet: sleepers, input: 'Wake up' }\n`);
      const created = await admin.client.post('/api/v1/runs').send({ pipeline: 'restarted-fleet' });
      expect(created.status, created.text).toBe(201);
      await vi.waitFor(
        async () => {
          const items = (await admin.client.get(`/api/v1/fleets/${fleetId}/tasks`)).body.items as { status: string }[];
          expect(items.map((item) => item.status)).toEqual(['queued']);
        },
        { timeout: 15_000, interval: 20 },
      );
      await tracing.flush();

      // The first server goes away; another, with a tracer of its own, takes over the rows and the queue.
      await first.fleetDispatcher.stop();
      await first.engine.stop();
      restarted = buildSecondApp(first, { tracing: restartedTracing });
      await restarted.engine.start();
      await restarted.fleetDispatcher.start();
      const resumed = await request(restarted.app)
        .put(`/api/v1/fleets/${fleetId}/admin-state`)
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ adminState: 'active' });
      expect(resumed.status, resumed.text).toBe(200);

      const run = await arrived(restartedTracing, 'pipeline.run restarted-fleet');
      expect(run.attributes['agentfleet.run.status']).toBe('succeeded');
      const ask = stepSpan(run, 'ask');
      expect(ask.attributes['agentfleet.step.status']).toBe('waiting');
      const fleetTask = one(receiver.spans, 'fleet.task sleepers');
      expect(fleetTask.traceId).toBe(run.traceId);
      expect(fleetTask.parentSpanId).toBe(ask.spanId);
      expect(childrenOf(receiver.spans, fleetTask).map((span) => span.name)).toEqual(['invoke_agent sleeper']);
    } finally {
      await restarted?.fleetDispatcher.stop();
      await restarted?.engine.stop();
      await first.close();
      await restartedTracing.shutdown();
    }
  });
});
