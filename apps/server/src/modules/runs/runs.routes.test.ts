import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSse, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';
import { waitForRunStatus } from './run-polling.test-support.js';
import { startLoopbackRecorder, type LoopbackRecorder } from '../../pipeline-engine/loopback-recorder.test-support.js';

let t: TestApp;
let owner: SignedIn;
let server: LoopbackRecorder;
beforeEach(async () => {
  // The http steps call a recorder on loopback, which the outbound policy refuses unless allowed.
  t = await createTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: true } });
  owner = await t.signupOwner();
  server = await startLoopbackRecorder();
});
afterEach(async () => {
  await t.close();
  await server.close();
});

const definePipeline = async (name: string, source: string) => {
  const res = await owner.client.post('/api/v1/pipelines').send({ name, format: 'yaml', source });
  expect(res.status, res.text).toBe(201);
};

const startRun = async (pipeline: string, input: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const request = owner.client.post('/api/v1/runs');
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  return request.send({ pipeline, input });
};

const waitForRun = (id: string) => waitForRunStatus(owner.client, id);

const doubler = `inputs:
  n: { type: number, required: true }
outputs:
  result: \${{ steps.double.output }}
steps:
  double: { type: transform, value: '\${{ input.n * 2 }}' }
`;

describe('runs API', () => {
  it('starts a run pinned to a version, answers it, lists it, and shows its steps and events', async () => {
    await definePipeline('doubler', doubler);
    const created = await startRun('doubler@latest', { n: 21 });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      pipelineName: 'doubler',
      version: 1,
      label: 'latest',
      trigger: 'api',
      createdBy: owner.user.email,
      // Its only step ran in the transaction that created it: the answer says how the run is now.
      status: 'succeeded',
      outputs: { result: 42 },
    });
    const run = await waitForRun(created.body.id);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { result: 42 } });
    expect(run.steps).toEqual([expect.objectContaining({ key: 'double', status: 'succeeded', output: 42, attempt: 1 })]);
    const list = await owner.client.get('/api/v1/runs?pipeline=doubler&status=succeeded');
    expect(list.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: run.id })] });
    expect((await owner.client.get('/api/v1/runs?pipeline=nope')).body.items).toEqual([]);
    const events = await owner.client.get(`/api/v1/runs/${run.id}/events`);
    expect(events.body.items.map((event: { type: string }) => event.type)).toEqual([
      'run.queued',
      'run.started',
      'step.started',
      'step.succeeded',
      'run.succeeded',
    ]);
  });

  it('refuses input that does not match, an unknown pipeline, and another workspace’s run', async () => {
    await definePipeline('doubler', doubler);
    const bad = await startRun('doubler', { n: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('input.n');
    expect((await startRun('missing')).status).toBe(404);
    // A client names where it started the run from, but not a trigger only the engine sets.
    expect(
      (await owner.client.post('/api/v1/runs').send({ pipeline: 'doubler', input: { n: 1 }, trigger: 'rerun' })).status,
    ).toBe(400);
    expect((await owner.client.get('/api/v1/runs')).body.total).toBe(0);
    const fromUi = await owner.client.post('/api/v1/runs').send({ pipeline: 'doubler', input: { n: 1 }, trigger: 'ui' });
    expect(fromUi.body.trigger).toBe('ui');
    expect((await owner.client.get('/api/v1/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers the same run for the same Idempotency-Key, marked as replayed', async () => {
    await definePipeline('doubler', doubler);
    const first = await startRun('doubler', { n: 1 }, { 'Idempotency-Key': 'order-7' });
    const again = await startRun('doubler', { n: 1 }, { 'Idempotency-Key': 'order-7' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect([first.headers['idempotent-replayed'], again.headers['idempotent-replayed']]).toEqual([undefined, 'true']);
    expect(again.body.id).toBe(first.body.id);
    expect((await owner.client.get('/api/v1/runs')).body.total).toBe(1);
  });

  it('streams the events live as SSE, and resumes after Last-Event-ID with exactly the missed events', async () => {
    await definePipeline('doubler', doubler);
    const created = await startRun('doubler', { n: 2 });
    await waitForRun(created.body.id);
    const all = parseSse(
      (await owner.client.get(`/api/v1/runs/${created.body.id}/events`).set('Accept', 'text/event-stream')).text,
    );
    expect(all.map((frame) => (frame as unknown as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5]);
    const resumed = await owner.client
      .get(`/api/v1/runs/${created.body.id}/events`)
      .set('Accept', 'text/event-stream')
      .set('Last-Event-ID', '3');
    expect(resumed.text).toMatch(/^id: 4\n/);
    expect(parseSse(resumed.text).map((frame) => (frame as unknown as { seq: number }).seq)).toEqual([4, 5]);
  });

  it('cancels a waiting run, refuses a second cancel, and retries it from the steps that did not finish', async () => {
    server.script('/side-effect', [{ status: 200, body: { n: 1 } }]);
    await definePipeline(
      'gated',
      `steps:
  effect: { type: http, url: '${server.url}/side-effect' }
  gate: { type: approval, needs: [effect], assignees: { roles: [editor] } }
`,
    );
    const created = await startRun('gated');
    await expect.poll(async () => (await owner.client.get('/api/v1/approvals')).body.items.length, { timeout: 15_000 }).toBe(1);
    const cancelled = await owner.client.post(`/api/v1/runs/${created.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await owner.client.post(`/api/v1/runs/${created.body.id}/cancel`)).status).toBe(409);
    const retried = await owner.client.post(`/api/v1/runs/${created.body.id}/retry`);
    expect(retried.status, retried.text).toBe(200);
    await expect.poll(async () => (await owner.client.get('/api/v1/approvals')).body.items.length, { timeout: 15_000 }).toBe(1);
    const decided = await owner.client.post(`/api/v1/runs/${created.body.id}/approvals/gate`).send({ decision: 'approve' });
    expect(decided.status, decided.text).toBe(200);
    const run = await waitForRun(created.body.id);
    expect(run.status).toBe('succeeded');
    // The side effect ran once: the completed step was kept, not run again.
    expect(server.requests).toHaveLength(1);
  });

  it('checks the approver: a viewer lacks runs:approve, a role outside the assignees is refused, a second decision is 409', async () => {
    await definePipeline('gated', `steps:\n  gate: { type: approval, message: 'Ship?', assignees: { roles: [operator] } }\n`);
    const viewer = await t.addUser(owner, 'viewer');
    const editor = await t.addUser(owner, 'editor');
    const operator = await t.addUser(owner, 'operator');
    const created = await startRun('gated');
    await expect
      .poll(async () => (await operator.client.get('/api/v1/approvals')).body.items, { timeout: 15_000 })
      .toEqual([
        expect.objectContaining({ runId: created.body.id, step: 'gate', message: 'Ship?', roles: ['operator'], canDecide: true }),
      ]);
    expect((await editor.client.get('/api/v1/approvals')).body.items[0].canDecide).toBe(false);
    const path = `/api/v1/runs/${created.body.id}/approvals/gate`;
    expect((await viewer.client.post(path).send({ decision: 'approve' })).status).toBe(403);
    expect((await editor.client.post(path).send({ decision: 'approve' })).status).toBe(403);
    expect((await operator.client.post(path).send({ decision: 'reject', comment: 'not now' })).status).toBe(200);
    expect((await owner.client.post(path).send({ decision: 'approve' })).status).toBe(409);
    const run = await waitForRun(created.body.id);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'rejected', message: expect.stringContaining('not now') } });
  });

  it('re-runs from a chosen step in a new run, copying what came before it', async () => {
    server.script('/fetch', [{ status: 200, body: { v: 1 } }]);
    await definePipeline(
      'chain',
      `outputs:
  out: \${{ steps.shape.output }}
steps:
  fetch: { type: http, url: '${server.url}/fetch' }
  shape: { type: transform, needs: [fetch], value: 'v=\${{ steps.fetch.output.v }}' }
`,
    );
    const first = await waitForRun((await startRun('chain')).body.id);
    const rerun = await owner.client.post(`/api/v1/runs/${first.id}/rerun`).send({ from: 'shape' });
    expect(rerun.status, rerun.text).toBe(201);
    expect(rerun.body).toMatchObject({ trigger: 'rerun', sourceRunId: first.id });
    const second = await waitForRun(rerun.body.id);
    expect(second.outputs).toEqual({ out: 'v=1' });
    expect(second.steps.find((step: { key: string }) => step.key === 'fetch')).toMatchObject({ status: 'succeeded', attempt: 0 });
    expect(server.requests).toHaveLength(1);
    expect((await owner.client.post(`/api/v1/runs/${first.id}/rerun`).send({ from: 'nope' })).status).toBe(404);
  });
});
