import { createIsolatedTemplateEngine } from '@agent-fleet/core';
import { countEventLoopTurns } from '@agent-fleet/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support.js';

/** Issue 8's finding: 40 previews of this, 8 at a time, took /healthz from a 3 ms to a 1,665 ms median. */
const WORST_CASE = '{% tablerow i in (1..1000000) %}{{ i }}{% endtablerow %}';
/** Nine million empty iterations: under every output and memory limit, so only time stops it. */
const SPIN = '{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}';
const text = (body: string) => ({ type: 'text', body });

let t: TestApp | undefined;
const engines: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await t?.close();
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

// The template workers load TypeScript through tsx in tests; a cold start takes seconds on a busy machine.
describe('a runaway template cannot stall the server', { timeout: 60_000 }, () => {
  it('keeps answering /healthz while a viewer floods previews of worst-case templates, each stopped with a 4xx', async () => {
    t = await createTestApp();
    const owner = await t.signupOwner();
    const viewer = await t.addUser(owner, 'viewer');
    // Start the worker first: its cold start is not what this measures.
    expect((await viewer.client.post('/api/v1/prompts/preview').send({ source: text('hi') })).status).toBe(200);

    const turns = countEventLoopTurns();
    let healthAnswers = 0;
    let flooding = true;
    const app = t;
    const probe = (async () => {
      while (flooding) {
        expect((await app.anonymous.get('/healthz')).status).toBe(200);
        healthAnswers += 1;
      }
    })();
    const previews = await Promise.all(
      [WORST_CASE, SPIN, WORST_CASE, SPIN, WORST_CASE, SPIN, WORST_CASE, SPIN].map((body) =>
        viewer.client.post('/api/v1/prompts/preview').send({ source: text(body) }),
      ),
    );
    flooding = false;
    const loopTurns = await turns.stop();
    await probe;

    for (const res of previews) {
      // A full pool may refuse some at once (503); every render that ran was stopped as the author's error.
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (res.status === 503) expect(res.body).toMatchObject({ code: 'engine_busy' });
      else expect(res.body, res.text).toMatchObject({ status: 400, code: 'render_failed' });
    }
    expect(previews.some((res) => res.status === 400)).toBe(true);
    // In-process, each SPIN holds the loop for its whole 1 s time limit, so the loop turns only between
    // renders (a handful of times); with workers it keeps turning thousands of times, on any machine.
    // How long a turn may take is the benchmark's question (bench/render-flood.bench.ts), not this test's.
    expect(loopTurns).toBeGreaterThan(100);
    expect(healthAnswers).toBeGreaterThan(0);
  });

  it('stops a render at its time limit with 400 render_failed (render_timeout), not a 500', async () => {
    t = await createTestApp();
    const owner = await t.signupOwner();
    const res = await owner.client.post('/api/v1/prompts/preview').send({ source: text(SPIN) });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ code: 'render_failed', errors: [{ path: 'source', code: 'render_timeout' }] });
  });

  it('answers 503 engine_busy with Retry-After when every worker is taken and the queue is full', async () => {
    const templates = createIsolatedTemplateEngine({ workers: 1, maxQueue: 0 });
    engines.push(templates);
    t = await createTestApp({ templates });
    const owner = await t.signupOwner();
    expect((await owner.client.post('/api/v1/prompts/preview').send({ source: text('warm') })).status).toBe(200);
    let settled = false;
    const running = owner.client
      .post('/api/v1/prompts/preview')
      .send({ source: text(SPIN) })
      .then((res) => {
        settled = true;
        return res;
      });
    // Ask again until the long render holds the only worker (a quick render before that succeeds), for as
    // long as the long render lasts: on a busy machine it may reach the server after many quick ones.
    let busy;
    while (!settled) {
      busy = await owner.client.post('/api/v1/prompts/preview').send({ source: text('quick') });
      if (busy.status !== 200) break;
    }
    expect(busy?.status, busy?.text).toBe(503);
    expect(busy?.body).toMatchObject({ code: 'engine_busy' });
    expect(busy?.headers['retry-after']).toBe('1');
    expect((await running).status).toBe(400);
  });
});
