import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuiltApp } from '../main.js';
import { createMockAgent, createTestApp, buildSecondApp, type SignedIn, type TestApp } from '../test-support.js';
import { waitForRunStatus } from '../modules/runs/run-polling.test-support.js';
import { startLoopbackRecorder, type LoopbackRecorder } from '../pipeline-engine/loopback-recorder.test-support.js';
import type { AppTracing } from './otel-tracing.js';
import { childrenOf, one, startOtlpReceiver, tracingTo, type ReceivedSpan } from './otlp-receiver.test-support.js';

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let recorder: LoopbackRecorder;
let tracing: AppTracing;
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = await tracingTo(receiver);
  recorder = await startLoopbackRecorder();
  t = await createTestApp({ tracing, env: { OUTBOUND_ALLOW_PRIVATE: true } });
  owner = await t.signupOwner();
}, 60_000);
afterAll(async () => {
  await t.close();
  await tracing.shutdown();
  receiver.server.close();
  await recorder.close();
});

describe('OpenTelemetry traces', () => {
  it('exports a chat turn as HTTP request → invoke_agent → chat → execute_tool → invoke_agent → chat, with gen_ai attributes', async () => {
    const researcher = await createMockAgent(owner, 'Researcher', 'echo', { description: 'finds facts' });
    const lead = await createMockAgent(owner, 'Lead', 'echo', { tools: [`agent:${researcher.id}`] });
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: lead.id })).body as { id: string };
    const turn = await owner.client
      .post(`/api/v1/conversations/${conversation.id}/messages`)
      .send({ content: 'Please ask the researcher about tides' });
    expect(turn.status, turn.text).toBe(200);
    await tracing.flush();

    const http = one(receiver.spans, 'POST /api/v1/conversations/:id/messages');
    const trace = receiver.spans.filter((span) => span.traceId === http.traceId);
    expect(http.parentSpanId ?? '').toBe('');
    expect(http.kind).toBe(2); // SERVER
    expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200 });

    const leadTask = one(trace, 'invoke_agent Lead');
    expect(leadTask.parentSpanId).toBe(http.spanId);
    expect(leadTask.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'Lead',
      'gen_ai.agent.id': lead.id,
      'gen_ai.conversation.id': conversation.id,
      'agentfleet.task.kind': 'conversation_turn',
      'agentfleet.task.status': 'succeeded',
    });
    const leadChildren = childrenOf(trace, leadTask).map((span) => span.name);
    expect(leadChildren).toEqual(expect.arrayContaining(['chat echo', 'execute_tool ask_researcher']));
    const leadCall = childrenOf(trace, leadTask).find((span) => span.name === 'chat echo') as ReceivedSpan;
    expect(leadCall.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock',
      'gen_ai.request.model': 'echo',
      'gen_ai.response.model': 'echo',
    });
    expect(leadCall.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(leadCall.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);

    const tool = one(trace, 'execute_tool ask_researcher');
    expect(tool.parentSpanId).toBe(leadTask.spanId);
    expect(tool.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'ask_researcher' });
    const researcherTask = one(trace, 'invoke_agent Researcher');
    expect(researcherTask.parentSpanId).toBe(tool.spanId);
    expect(researcherTask.attributes['agentfleet.task.kind']).toBe('agent_tool_call');
    expect(childrenOf(trace, researcherTask).map((span) => span.name)).toEqual(['chat echo']);
    // No prompt or reply text on any span.
    expect(JSON.stringify(trace)).not.toContain('tides');
  });

  it('exports a pipeline run as request → pipeline.run → pipeline.step (one per attempt) → invoke_agent → chat', async () => {
    await createMockAgent(owner, 'stepwriter');
    recorder.script('/flaky', [{ status: 503 }]);
    const source = `steps:
  fetch: { type: http, url: '${recorder.url}/flaky', retry: { maxAttempts: 2, on: [http] } }
  ask: { type: agent, needs: [fetch], agent: stepwriter, task: 'Write a line' }
`;
    expect((await owner.client.post('/api/v1/pipelines').send({ name: 'traced', format: 'yaml', source })).status).toBe(201);
    const created = await owner.client.post('/api/v1/runs').send({ pipeline: 'traced' });
    expect(created.status, created.text).toBe(201);
    expect((await waitForRunStatus(owner.client, created.body.id)).status).toBe('succeeded');
    // The run's span is recorded once its end has committed, off the engine's path.
    const run = await vi.waitFor(
      async () => {
        await tracing.flush();
        return one(receiver.spans, 'pipeline.run traced');
      },
      { timeout: 10_000, interval: 50 },
    );
    const trace = receiver.spans.filter((span) => span.traceId === run.traceId);
    const http = trace.find((span) => span.spanId === run.parentSpanId);
    expect(http?.name).toBe('POST /api/v1/runs');
    expect(run.attributes).toMatchObject({
      'agentfleet.run.id': created.body.id,
      'agentfleet.pipeline.name': 'traced',
      'agentfleet.pipeline.version': 1,
      'agentfleet.run.status': 'succeeded',
    });

    const steps = childrenOf(trace, run);
    const attempts = (id: string) =>
      steps
        .filter((span) => span.name === `pipeline.step ${id}`)
        .map((span) => span.attributes)
        .sort((a, b) => Number(a['agentfleet.step.attempt']) - Number(b['agentfleet.step.attempt']));
    expect(attempts('fetch')).toEqual([
      expect.objectContaining({
        'agentfleet.step.type': 'http',
        'agentfleet.step.attempt': 1,
        'agentfleet.step.status': 'failed',
        'error.type': 'http',
      }),
      expect.objectContaining({
        'agentfleet.step.type': 'http',
        'agentfleet.step.attempt': 2,
        'agentfleet.step.status': 'succeeded',
      }),
    ]);
    expect(attempts('ask')).toEqual([
      expect.objectContaining({
        'agentfleet.step.type': 'agent',
        'agentfleet.step.attempt': 1,
        'agentfleet.step.status': 'succeeded',
      }),
    ]);
    expect(steps).toHaveLength(3);
    // The run's span covers its steps.
    for (const step of steps) {
      expect(BigInt(step.startTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(run.startTimeUnixNano));
      expect(BigInt(step.endTimeUnixNano)).toBeLessThanOrEqual(BigInt(run.endTimeUnixNano));
    }

    // Each attempt's request is a client span under it, with its status and no path.
    const requests = steps
      .filter((span) => span.name === 'pipeline.step fetch')
      .flatMap((span) => childrenOf(trace, span))
      .map((span) => [span.name, span.kind, span.attributes['http.response.status_code']]);
    expect(requests.sort()).toEqual([
      ['GET', 3, 200],
      ['GET', 3, 503],
    ]);
    expect(JSON.stringify(trace)).not.toContain('/flaky');

    const ask = steps.find((span) => span.name === 'pipeline.step ask') as ReceivedSpan;
    const task = one(trace, 'invoke_agent stepwriter');
    expect(task.parentSpanId).toBe(ask.spanId);
    expect(task.attributes).toMatchObject({
      'agentfleet.task.kind': 'pipeline_step',
      'agentfleet.run.id': created.body.id,
      'agentfleet.step.key': 'ask',
    });
    expect(childrenOf(trace, task).map((span) => span.name)).toEqual(['chat echo']);
  });

  it('records the span of a run a restarted server finishes under the request that created it before the restart', async () => {
    const first = await createTestApp({ tracing });
    const restartedTracing = await tracingTo(receiver);
    let restarted: BuiltApp | undefined;
    try {
      const admin = await first.signupOwner();
      const source = `steps:
  gate: { type: approval, assignees: { roles: [owner] } }
  done: { type: transform, needs: [gate], value: 'ok' }
`;
      expect((await admin.client.post('/api/v1/pipelines').send({ name: 'restarted', format: 'yaml', source })).status).toBe(201);
      const created = await admin.client.post('/api/v1/runs').send({ pipeline: 'restarted' });
      expect(created.status, created.text).toBe(201);
      await expect.poll(async () => (await admin.client.get('/api/v1/approvals')).body.items.length, { timeout: 15_000 }).toBe(1);
      await tracing.flush();

      // The first server's engine goes away; another process, with tracing of its own, takes over the rows.
      await first.engine.stop();
      restarted = buildSecondApp(first, { tracing: restartedTracing });
      await restarted.engine.start();
      const decided = await request(restarted.app)
        .post(`/api/v1/runs/${created.body.id}/approvals/gate`)
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ decision: 'approve' });
      expect(decided.status, decided.text).toBe(200);

      const run = await vi.waitFor(
        async () => {
          await restartedTracing.flush();
          return one(receiver.spans, 'pipeline.run restarted');
        },
        { timeout: 10_000, interval: 50 },
      );
      const http = receiver.spans.find((span) => span.spanId === run.parentSpanId);
      expect(http?.name).toBe('POST /api/v1/runs');
      expect(run.traceId).toBe(http?.traceId);
      expect(run.attributes).toMatchObject({ 'agentfleet.run.id': created.body.id, 'agentfleet.run.status': 'succeeded' });
      // The step before the restart and the one after are children of the same run span.
      expect(
        childrenOf(receiver.spans, run)
          .map((span) => span.name)
          .sort(),
      ).toEqual(['pipeline.step done', 'pipeline.step gate']);
    } finally {
      await restarted?.engine.stop();
      await first.close();
      await restartedTracing.shutdown();
    }
  });
});
