import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createIsolatedTemplateEngine, createTemplateEngine, type TemplateEngine } from '@agent-fleet/core';
import { createTestApp } from '../apps/server/src/test-support.js';

/** Issue 8's finding, and a loop that is stopped only by the 1 s render limit (under every other limit). */
const WORST_CASES = [
  '{% tablerow i in (1..1000000) %}{{ i }}{% endtablerow %}',
  '{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}',
];

/**
 * The attacking clients, in a thread of their own as they would be on another machine (their HTTP
 * client work must not count as the server's). Each posts previews back to back; a refused one waits
 * as told (engine_busy sends Retry-After: 1), as HTTP clients and the web UI do. A dropped connection
 * (the in-process run outlives keep-alive timers) counts as `reset`.
 */
const FLOODERS = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, token, bodies, clients } = workerData;
let until = 0;
const statuses = {};
async function client(index) {
  for (let n = index; Date.now() < until; n += 1) {
    let status = 'reset';
    try {
      const res = await fetch(base + '/api/v1/prompts/preview', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ source: { type: 'text', body: bodies[n % bodies.length] } }),
      });
      await res.arrayBuffer();
      status = res.status;
      const retryAfter = Number(res.headers.get('retry-after') || 0);
      if (status === 503 && retryAfter > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(retryAfter * 1000, until - Date.now()))));
      }
    } catch {}
    statuses[status] = (statuses[status] || 0) + 1;
  }
}
parentPort.once('message', (go) => {
  until = go.until;
  Promise.all(Array.from({ length: clients }, (_, index) => client(index))).then(() => parentPort.postMessage(statuses));
});
parentPort.postMessage('ready');
`;

/** The probe's pace: one /healthz every 10 ms or so, like a load balancer's check, not a load of its own. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface FloodRun {
  idle: LatencySummary;
  flood: LatencySummary;
  /** Preview answers during the flood, by status (`reset`: the connection was dropped). */
  statuses: Record<string, number>;
  /** /healthz requests that failed (connection reset) during the flood; not in the latencies. */
  healthErrors: number;
  ratio: number;
  /** The server's event-loop delay (p99, max) in each phase: separates a blocked loop from a busy machine. */
  loopDelay: { idle: { p99: number; max: number }; flood: { p99: number; max: number } };
}

const summarize = (values: number[]): LatencySummary => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
};

/**
 * `/healthz` latency (one probe every ~10 ms) idle, then while `clients` viewers post previews of
 * worst-case templates back to back for `floodMs`, on the real app over loopback.
 */
async function floodRun(templates: TemplateEngine, floodMs: number, clients: number, idleSamples: number): Promise<FloodRun> {
  const t = await createTestApp({ templates });
  const owner = await t.signupOwner();
  const viewer = await t.addUser(owner, 'viewer');
  const server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const health = async () => {
    const started = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/healthz: ${res.status}`);
    return performance.now() - started;
  };
  const preview = async (body: string) => {
    const res = await fetch(`${base}/api/v1/prompts/preview`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${viewer.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: { type: 'text', body } }),
    });
    await res.arrayBuffer();
    return res.status;
  };
  try {
    // Warm up: connections, JIT and the template worker's start are not what this measures.
    for (let i = 0; i < 50; i += 1) await health();
    if ((await preview('{{ "warm" }}')) !== 200) throw new Error('warm-up preview failed');

    const idle: number[] = [];
    const idleLoop = monitorEventLoopDelay({ resolution: 5 });
    idleLoop.enable();
    for (let i = 0; i < idleSamples; i += 1) {
      idle.push(await health());
      await pause();
    }
    idleLoop.disable();

    let healthErrors = 0;
    // Started before the clock runs: starting a thread stalls this one for a moment (tens of ms).
    const flooders = new Worker(FLOODERS, {
      eval: true,
      workerData: { base, token: viewer.token, bodies: WORST_CASES, clients },
    });
    await once(flooders, 'message');
    const until = Date.now() + floodMs;
    const flood: number[] = [];
    const probe = async () => {
      while (Date.now() < until) {
        const latency = await health().catch(() => undefined);
        if (latency === undefined) healthErrors += 1;
        else flood.push(latency);
        await pause();
      }
    };
    const floodLoop = monitorEventLoopDelay({ resolution: 5 });
    floodLoop.enable();
    const done = once(flooders, 'message');
    flooders.postMessage({ until });
    const [[statuses]] = (await Promise.all([done, probe()])) as [[Record<string, number>], unknown];
    // One more turn of the loop, so a block that lasted until the end is recorded.
    await new Promise((resolve) => setTimeout(resolve, 10));
    floodLoop.disable();
    await flooders.terminate();
    const delay = (h: typeof floodLoop) => ({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 });
    const idleSummary = summarize(idle);
    const floodSummary = summarize(flood);
    return {
      idle: idleSummary,
      flood: floodSummary,
      statuses,
      healthErrors,
      ratio: floodSummary.p99 / idleSummary.p99,
      loopDelay: { idle: delay(idleLoop), flood: delay(floodLoop) },
    };
  } finally {
    server.close();
    await t.close();
  }
}

/** The flood against the worker-pool engine the server runs, and against the in-process engine as before the fix. */
export async function renderFloodBench(floodMs = 15_000, clients = 8, idleSamples = 500) {
  const isolated = createIsolatedTemplateEngine();
  let workers: FloodRun;
  try {
    workers = await floodRun(isolated, floodMs, clients, idleSamples);
  } finally {
    await isolated.close();
  }
  const inProcess = await floodRun(createTemplateEngine(), floodMs, clients, idleSamples);
  return { workers, inProcess };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (label: string, r: FloodRun) =>
  [
    `${label}`,
    `  idle  /healthz   p50 ${ms(r.idle.p50)}  p99 ${ms(r.idle.p99)}  (${r.idle.samples} requests)`,
    `  flood /healthz   p50 ${ms(r.flood.p50)}  p99 ${ms(r.flood.p99)}  max ${ms(r.flood.max)}  (${r.flood.samples} requests)`,
    `  previews answered ${Object.entries(r.statuses)
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ')}${r.healthErrors > 0 ? `; ${r.healthErrors} /healthz requests failed` : ''}`,
    `  flood p99 / idle p99   ${r.ratio.toFixed(1)}×`,
    `  event-loop delay  idle p99 ${ms(r.loopDelay.idle.p99)} max ${ms(r.loopDelay.idle.max)}; flood p99 ${ms(r.loopDelay.flood.p99)} max ${ms(r.loopDelay.flood.max)}`,
  ].join('\n');

export const describeRenderFlood = (r: Awaited<ReturnType<typeof renderFloodBench>>) =>
  [line('Worker pool (the server)', r.workers), line('In-process engine (before issue 8)', r.inProcess)].join('\n');
