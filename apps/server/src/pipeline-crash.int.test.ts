import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLoopbackRecorder, type LoopbackRecorder } from './pipeline-engine/loopback-recorder.test-support.js';
import { apiClient, signIn, startServerProcess, type ServerProcess } from './server-process.test-support.js';

/**
 * `kill -9` the real server (a child process, embedded PGlite) at random points while 100 runs execute,
 * restart it on the same data, and check the engine's guarantees: every run completes, no completed step
 * runs again (each step's side effect is an `http` call to a recorder on loopback), and runs resume
 * at once after boot.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-pipeline-crash-'));
const EMAIL = 'crash@example.test';
const PASSWORD = 'correct horse battery staple';
const RUNS = 100;
const STEPS = ['s1', 's2', 's3', 's4'];
let server: ServerProcess | undefined;
let recorder: LoopbackRecorder | undefined;

afterAll(async () => {
  await server?.kill();
  await recorder?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A seeded generator, so a failing round can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

interface RunView {
  id: string;
  status: string;
  steps: { key: string; status: string }[];
}
interface EventView {
  seq: number;
  type: string;
  step: string | null;
  data: Record<string, unknown>;
  at: string;
}

describe('pipeline runs across kill -9', () => {
  it('complete every run, never re-run a completed step, and resume right after boot', async () => {
    recorder = await startLoopbackRecorder();
    const random = seeded(20261206);
    // Heartbeats never age out during the test: a restarted server can only resume the killed one's steps
    // by knowing its process is gone, which is what makes resumption immediate.
    const env = { OUTBOUND_ALLOW_PRIVATE: 'true', PIPELINE_WORKER_STALE_MS: '3600000' };
    server = await startServerProcess(dataDir, env);
    // One sign-in: the access token stays valid across restarts on the same data.
    const token = await signIn(server.origin, EMAIL, PASSWORD, true);
    let api = apiClient(server.origin, token);
    const steps = STEPS.map((id, index) => [
      `  ${id}:`,
      `    type: http`,
      `    method: POST`,
      `    url: '${recorder?.url}/effect?key=\${{ run.id }}-${id}'`,
      `    idempotencyKey: '\${{ run.id }}-${id}'`,
      `    retry: { maxAttempts: 3, on: [network] }`,
      index === 0 ? '' : `    needs: [${STEPS[index - 1]}]`,
    ]);
    const source = `steps:\n${steps.flat().filter(Boolean).join('\n')}\n`;
    expect((await api.post('/api/v1/pipelines', { name: 'effects', format: 'yaml', source })).status).toBe(201);
    // Each side effect takes a while (250 ms on average, so the server's 16 slots need over 6 s for the 400
    // steps), so all three kills land while steps are in flight.
    recorder.script(
      '/effect',
      Array.from({ length: RUNS * STEPS.length * 2 }, () => ({ status: 200, delayMs: 100 + Math.floor(random() * 300) })),
    );
    const phase = Date.now();
    const runIds: string[] = [];
    for (let batch = 0; batch < RUNS; batch += 10) {
      const created = await Promise.all(Array.from({ length: 10 }, () => api.post('/api/v1/runs', { pipeline: 'effects' })));
      for (const res of created) {
        expect(res.status).toBe(201);
        runIds.push(res.body['id'] as string);
      }
    }

    console.info(`created ${RUNS} runs in ${Date.now() - phase} ms`);
    const resumeTimes: number[] = [];
    let kills = 0;
    for (let round = 0; round < 3; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 900)));
      await server.kill();
      kills += 1;
      // Counted once the killed process is gone, so none of its own calls passes for a resumed one.
      const before = recorder.requests.length;
      server = await startServerProcess(dataDir, env);
      const listening = Date.now();
      api = apiClient(server.origin, token);
      const left = (await api.get('/api/v1/runs?status=running&limit=1')).body['total'] as number;
      console.info(`kill ${kills}: ${before} effects so far, ${left} runs left, listening again in ${server.startedInMs} ms`);
      if (left === 0) break;
      // Resumed: side effects arrive again after the restart. The engine starts before the server says it
      // listens, so the first may even come before that line.
      await expect.poll(() => (recorder?.requests.length ?? 0) > before, { timeout: 60_000, interval: 20 }).toBe(true);
      resumeTimes.push(Math.max(0, (recorder.requests[before]?.at ?? listening) - listening));
    }

    const deadline = Date.now() + 120_000;
    for (const id of runIds) {
      let run = (await api.get(`/api/v1/runs/${id}`)).body as unknown as RunView;
      while (!['succeeded', 'failed', 'cancelled'].includes(run.status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        run = (await api.get(`/api/v1/runs/${id}`)).body as unknown as RunView;
      }
      expect(run.status, `run ${id}: ${JSON.stringify(run.steps)}`).toBe('succeeded');
    }

    // A completed step never runs again: no side effect of a step arrives after it succeeded, and a
    // step's effect repeats only as often as the step was in flight at a kill (its lease was lost).
    let repeated = 0;
    for (const id of runIds) {
      const events = (await api.get(`/api/v1/runs/${id}/events?limit=1000`)).body['items'] as unknown as EventView[];
      for (const step of STEPS) {
        const key = `${id}-${step}`;
        const effects = recorder.requests.filter((request) => request.headers['idempotency-key'] === key);
        // Attempts that did not complete: lost with a killed server, or retried after a network error.
        const lost = events.filter((event) => event.step === step && event.type === 'step.retrying');
        const succeeded = events.filter((event) => event.step === step && event.type === 'step.succeeded');
        expect(succeeded, `${key} succeeded once`).toHaveLength(1);
        expect(effects.length, `${key}: ${effects.length} effects, ${lost.length} attempts lost`).toBeGreaterThanOrEqual(1);
        expect(effects.length).toBeLessThanOrEqual(1 + lost.length);
        repeated += effects.length - 1;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    console.info(
      `pipeline crash test: ${RUNS} runs × ${STEPS.length} steps, ${kills} kills, ${repeated} in-flight steps ran again, ` +
        `resumed ${resumeTimes.map((ms) => `${ms} ms`).join(', ')} after listening`,
    );
  }, 600_000);
});
