import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from './engine.test-support.js';
import { startLoopbackRecorder, type LoopbackRecorder } from './loopback-recorder.test-support.js';

let h: EngineHarness;
let server: LoopbackRecorder;
beforeEach(async () => {
  h = await createEngineHarness();
  server = await startLoopbackRecorder();
});
afterEach(async () => {
  await h.close();
  await server.close();
});

describe('pipeline engine: http steps, retries and timeouts', () => {
  it('sends the request with its rendered URL, headers, JSON body and idempotency key, and outputs the JSON answer', async () => {
    server.script('/items', [{ status: 200, body: { items: [1, 2, 3] } }]);
    await h.define('http', {
      inputs: { topic: { type: 'string', required: true } },
      outputs: { count: '${{ steps.get.output.items.size() }}' },
      steps: {
        get: {
          type: 'http',
          method: 'POST',
          url: `${server.url}/items?q=\${{ input.topic }}`,
          headers: { 'x-topic': '${{ input.topic }}' },
          body: { topic: '${{ input.topic }}' },
          idempotencyKey: '${{ run.id }}-get',
        },
      },
    });
    const run = await h.waitFor((await h.start('http', { topic: 'cats' })).id);
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ count: 3 });
    const [request] = server.requests;
    expect(request?.path).toBe('/items?q=cats');
    expect(request?.headers['x-topic']).toBe('cats');
    expect(request?.headers['idempotency-key']).toBe(`${run.id}-get`);
    expect(JSON.parse(request?.body ?? '')).toEqual({ topic: 'cats' });
  });

  it('retries a 503 under the step policy, then succeeds, counting the attempts', async () => {
    server.script('/flaky', [{ status: 503 }, { status: 503 }, { status: 200, body: { fine: true } }]);
    await h.define('retry', {
      steps: {
        call: {
          type: 'http',
          url: `${server.url}/flaky`,
          retry: { maxAttempts: 3, backoff: { type: 'fixed', delay: '10ms' }, on: ['http'] },
        },
      },
    });
    const run = await h.waitFor((await h.start('retry')).id);
    const steps = await h.steps(run.id);
    expect(run.status).toBe('succeeded');
    expect(steps.call?.attempt).toBe(3);
    expect(steps.call?.output).toEqual({ fine: true });
    expect((await h.events(run.id)).filter((event) => event === 'step.retrying:call')).toHaveLength(2);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after maxAttempts and fails with the last error', async () => {
    server.script('/down', [{ status: 500 }, { status: 500 }, { status: 500 }]);
    await h.define('down', { steps: { call: { type: 'http', url: `${server.url}/down`, retry: { maxAttempts: 2 } } } });
    const run = await h.waitFor((await h.start('down')).id);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('http');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry an error class the policy does not name', async () => {
    server.script('/missing', [{ status: 404 }, { status: 200 }]);
    await h.define('client-error', {
      steps: { call: { type: 'http', url: `${server.url}/missing`, retry: { maxAttempts: 3, on: ['any'] } } },
    });
    const run = await h.waitFor((await h.start('client-error')).id);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('http_client_error');
    expect(server.requests).toHaveLength(1);
  });

  it('stops a step at its timeout and classes the error as timeout, which a policy can retry', async () => {
    server.script('/slow', [
      { status: 200, delayMs: 2000 },
      { status: 200, body: 'quick' },
    ]);
    await h.define('slow', {
      steps: { call: { type: 'http', url: `${server.url}/slow`, timeout: '1s', retry: { maxAttempts: 2, on: ['timeout'] } } },
    });
    const run = await h.waitFor((await h.start('slow')).id);
    expect(run.status).toBe('succeeded');
    const steps = await h.steps(run.id);
    expect(steps.call?.attempt).toBe(2);
    expect(steps.call?.error).toBeNull();
    const retried = (await h.store.events(run.id, 0, 100)).find((event) => event.type === 'step.retrying');
    expect(retried?.data).toMatchObject({ error: { code: 'timeout', errorClass: 'timeout' } });
  });

  it('fails a result that does not match the output schema as invalid_output', async () => {
    server.script('/shape', [{ status: 200, body: { count: 'many' } }]);
    await h.define('shape', {
      steps: {
        call: {
          type: 'http',
          url: `${server.url}/shape`,
          output: { type: 'object', properties: { count: { type: 'number' } }, required: ['count'] },
        },
      },
    });
    const run = await h.waitFor((await h.start('shape')).id);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('invalid_output');
  });
});
