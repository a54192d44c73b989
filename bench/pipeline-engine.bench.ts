import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Annotation, END, MemorySaver, START, StateGraph } from '@langchain/langgraph';
import { streamText } from 'ai';
import { sql } from 'drizzle-orm';
import { createMockModel } from '../packages/core/src/llm/mock-model.js';
import { createTestApp, type TestApp } from '../apps/server/src/test-support.js';
import { runOutside } from './outside-process.js';

/**
 * The durable engine's overhead, against baselines measured in the same run: one single-row commit on
 * the same database, and LangGraph.js with its in-memory checkpointer (which persists nothing). On
 * embedded PGlite by default; `TEST_DB=postgres DATABASE_URL=…` runs it on PostgreSQL (a fresh test
 * database, as the tests get).
 */
export interface PipelineEngineBench {
  database: string;
  chain: { steps: number; perStepMs: number; commitMs: number; langGraphPerStepMs: number };
  fanOut: { width: number; ms: number; langGraphMs: number };
  /** The same 1,000 concurrent runs twice: `http` steps to a slow service, then `prompt` steps on a slow mock model. */
  concurrent: ConcurrentRuns[];
  healthzIdleP99: number;
}

export interface ConcurrentRuns {
  step: 'http' | 'prompt';
  runs: number;
  steps: number;
  latencyMs: number;
  wallMs: number;
  criticalPathMs: number;
  cpuMs: number;
  /** `/healthz` p99 while these runs execute. */
  healthzP99: number;
  /**
   * The floor: the same 5,000 calls (1,000 chains of 5 at once) made directly, without the engine, its
   * database or the API: `fetch` to the same service, or the AI SDK's `streamText` on the same mock model.
   */
  floor: { wallMs: number; cpuMs: number };
}

/** Wall and CPU time of `chains` chains of `depth` calls at once, in this process. */
async function measureCalls(
  chains: number,
  depth: number,
  call: () => Promise<unknown>,
): Promise<{ wallMs: number; cpuMs: number }> {
  const cpuBefore = process.cpuUsage();
  const wallMs = await time(() =>
    Promise.all(
      Array.from({ length: chains }, async () => {
        for (let i = 0; i < depth; i += 1) await call();
      }),
    ),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.99) - 1)] ?? NaN;

async function finish(t: TestApp, token: string, pipeline: string): Promise<void> {
  const created = await t.client(token).post('/api/v1/runs').send({ pipeline });
  if (created.status !== 201) throw new Error(`run: ${created.status} ${created.text}`);
  await waitAll(t, [created.body.id as string]);
}

/** Waits until every run has ended, reading the rows once every 25 ms (a read shares the one PGlite connection with the engine). */
async function waitAll(t: TestApp, ids: string[]): Promise<void> {
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  for (;;) {
    const result = (await t.database.db.execute(
      sql`select count(*)::int as open, count(*) filter (where status <> 'succeeded' and status in ('failed','cancelled'))::int as bad from pipeline_runs where id in (${list}) and status not in ('succeeded')`,
    )) as unknown as { rows: { open: number; bad: number }[] };
    const row = result.rows[0];
    if (row && row.bad > 0) {
      const failed = (await t.database.db.execute(
        sql`select error from pipeline_runs where id in (${list}) and status <> 'succeeded' and status in ('failed','cancelled') limit 1`,
      )) as unknown as { rows: { error: unknown }[] };
      throw new Error(`a benchmark run failed: ${JSON.stringify(failed.rows[0]?.error)}`);
    }
    if (row?.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The slow service, answering every request after `argv[1]` ms; prints its port. */
const SLOW_SERVICE = `
import { createServer } from 'node:http';
const latency = Number(process.argv[1]);
const server = createServer((_req, res) => setTimeout(() => res.end('{}'), latency));
server.keepAliveTimeout = 60_000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => console.log(server.address().port));
`;

/** Clients starting argv[3] runs of pipeline argv[5] at argv[1], argv[4] at a time; prints a line, then the runs' ids as JSON. */
const CLIENTS = `
const [url, token, runs, clients, pipeline] = process.argv.slice(1);
console.log('started');
const ids = [];
let sent = 0;
await Promise.all(Array.from({ length: Number(clients) }, async () => {
  while (sent < Number(runs)) {
    sent += 1;
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: JSON.stringify({ pipeline }),
    });
    if (res.status !== 201) throw new Error('run: ' + res.status + ' ' + (await res.text()));
    ids.push((await res.json()).id);
  }
}));
process.stdout.write(JSON.stringify(ids));
`;

async function langGraphChain(steps: number): Promise<number> {
  const State = Annotation.Root({ count: Annotation<number>() });
  let graph = new StateGraph(State) as unknown as StateGraph<typeof State.spec, unknown, unknown, string>;
  for (let i = 0; i < steps; i += 1)
    graph = graph.addNode(`n${i}`, (state: { count: number }) => ({ count: state.count + 1 })) as typeof graph;
  graph.addEdge(START, 'n0' as never);
  for (let i = 1; i < steps; i += 1) graph.addEdge(`n${i - 1}` as never, `n${i}` as never);
  graph.addEdge(`n${steps - 1}` as never, END);
  const app = graph.compile({ checkpointer: new MemorySaver() });
  let thread = 0;
  const run = () => app.invoke({ count: 0 }, { configurable: { thread_id: `t${(thread += 1)}` }, recursionLimit: steps + 10 });
  await run();
  return time(run);
}

async function langGraphFanOut(width: number): Promise<number> {
  const State = Annotation.Root({ total: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });
  const graph = new StateGraph(State) as unknown as StateGraph<typeof State.spec, unknown, unknown, string>;
  graph.addNode('start', () => ({ total: 0 }));
  const branches = Array.from({ length: width }, (_, i) => `b${i}`);
  for (const id of branches) graph.addNode(id, () => ({ total: 1 }));
  graph.addNode('join', () => ({}));
  graph.addEdge(START, 'start' as never);
  for (const id of branches) graph.addEdge('start' as never, id as never);
  graph.addEdge(branches as never, 'join' as never);
  graph.addEdge('join' as never, END);
  const app = graph.compile({ checkpointer: new MemorySaver() });
  let thread = 0;
  const run = () => app.invoke({ total: 0 }, { configurable: { thread_id: `t${(thread += 1)}` } });
  await run();
  return time(run);
}

export async function pipelineEngineBench(): Promise<PipelineEngineBench> {
  // The side effect of the concurrent benchmark: an HTTP service answering after a fixed latency. It is
  // outside the product, so it runs in a process of its own, with a backlog that takes 1,000 calls at once.
  const LATENCY = 200;
  const slow = runOutside(SLOW_SERVICE, [String(LATENCY)]);
  const slowUrl = `http://127.0.0.1:${await slow.ready}/`;
  // The provider limits (8 calls at once, 600 a minute per workspace by default) would make the prompt
  // runs measure the limiter: 5,000 calls at 600 a minute take 500 s whatever the engine does.
  const t = await createTestApp({
    env: {
      PIPELINE_SLOTS: 1000,
      OUTBOUND_ALLOW_PRIVATE: true,
      API_CACHE_TTL_MS: 0,
      LLM_MAX_CONCURRENCY: 1000,
      LLM_REQUESTS_PER_MINUTE: 1_000_000,
    },
  });
  const owner = await t.signupOwner();
  const define = async (name: string, source: string) => {
    const res = await owner.client.post('/api/v1/pipelines').send({ name, format: 'yaml', source });
    if (res.status !== 201) throw new Error(`${name}: ${res.status} ${res.text}`);
  };
  try {
    const STEPS = 200;
    const chainSteps = Array.from(
      { length: STEPS },
      (_, i) => `  s${i}: { type: transform, value: ${i}${i > 0 ? `, needs: [s${i - 1}]` : ''} }`,
    );
    await define('chain', `steps:\n${chainSteps.join('\n')}\n`);
    await finish(t, owner.token, 'chain');
    const chainMs = await time(() => finish(t, owner.token, 'chain'));

    // One single-row commit on the same database, the floor of a durable step.
    await t.database.db.execute(sql`create table if not exists bench_commit (id serial primary key, v int)`);
    const commits = 500;
    const commitMs =
      (await time(async () => {
        for (let i = 0; i < commits; i += 1) await t.database.db.execute(sql`insert into bench_commit (v) values (${i})`);
      })) / commits;

    const WIDTH = 100;
    const branches = Array.from({ length: WIDTH }, (_, i) => `  b${i}: { type: transform, value: ${i}, needs: [start] }`);
    await define(
      'fan',
      `steps:\n  start: { type: transform, value: 0 }\n${branches.join('\n')}\n  join: { type: transform, value: 1, needs: [${branches.map((_, i) => `b${i}`).join(', ')}] }\n`,
    );
    await finish(t, owner.token, 'fan');
    const fanMs = await time(() => finish(t, owner.token, 'fan'));

    // `BENCH_PIPELINE_RUNS` shrinks the concurrent benchmark for a quick look; the goal is stated for 1,000.
    const RUNS = Number(process.env.BENCH_PIPELINE_RUNS ?? 1000);
    const DEPTH = 5;
    const chainOf = (step: string) =>
      `steps:\n${Array.from({ length: DEPTH }, (_, i) => `  s${i}: { ${step}${i > 0 ? `, needs: [s${i - 1}]` : ''} }`).join('\n')}\n`;
    // The side effect as an HTTP service in another process, and as a model call to the mock provider
    // (its `latencyMs`): a prompt step renders its template, calls the model and writes the usage ledger.
    await define('slow-http', chainOf(`type: http, url: '${slowUrl}'`));
    const prompt = await owner.client.post('/api/v1/prompts').send({ name: 'hello', source: { type: 'text', body: 'Say hi.' } });
    if (prompt.status !== 201) throw new Error(`prompt: ${prompt.status} ${prompt.text}`);
    await define(
      'slow-prompt',
      chainOf(`type: prompt, prompt: hello@latest, model: { provider: mock, model: 'echo?latencyMs=${LATENCY}' }`),
    );

    // /healthz idle, then while each batch of concurrent runs executes.
    const server = createServer(t.app);
    // Idle keep-alive connections outlive the probe's pauses, so none is closed under a request.
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const probe = async () => {
      const started = performance.now();
      await (await fetch(`${base}/healthz`)).arrayBuffer();
      return performance.now() - started;
    };
    const idle: number[] = [];
    for (let i = 0; i < 200; i += 1) idle.push(await probe());

    const concurrent = async (step: ConcurrentRuns['step']): Promise<ConcurrentRuns> => {
      let done = false;
      const loaded: number[] = [];
      const probing = (async () => {
        while (!done) {
          loaded.push(await probe());
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      // `BENCH_PIPELINE_PROFILE=<file>` writes a CPU profile of each batch of concurrent runs (<file>.http,
      // <file>.prompt; open them in DevTools).
      const profile = process.env.BENCH_PIPELINE_PROFILE;
      const inspector = profile ? new Session() : null;
      if (inspector) {
        inspector.connect();
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
      }
      const cpuBefore = process.cpuUsage();
      const wallMs = await time(async () => {
        // Submitted over HTTP by 50 clients at once (1,000 connections at once overflow the listen backlog),
        // from a process of their own, as clients are.
        const clients = runOutside(CLIENTS, [`${base}/api/v1/runs`, owner.token, String(RUNS), '50', `slow-${step}`]);
        const ids = JSON.parse(await clients.output) as string[];
        await waitAll(t, ids);
      });
      const cpu = process.cpuUsage(cpuBefore);
      if (inspector && profile) {
        const { profile: taken } = await inspector.post('Profiler.stop');
        await writeFile(`${profile}.${step}`, JSON.stringify(taken));
        inspector.disconnect();
      }
      done = true;
      await probing;
      const mock = createMockModel(`echo?latencyMs=${LATENCY}`);
      const floor = await measureCalls(RUNS, DEPTH, async () => {
        if (step === 'http') return (await fetch(slowUrl)).text();
        const result = streamText({ model: mock, prompt: 'Say hi.' });
        for await (const _part of result.fullStream);
        return result.text;
      });
      return {
        floor,
        step,
        runs: RUNS,
        steps: DEPTH,
        latencyMs: LATENCY,
        wallMs,
        criticalPathMs: LATENCY * DEPTH,
        cpuMs: (cpu.user + cpu.system) / 1000,
        healthzP99: p99(loaded),
      };
    };
    const runs = [await concurrent('http'), await concurrent('prompt')];
    server.close();
    return {
      database: t.database.driver,
      chain: { steps: STEPS, perStepMs: chainMs / STEPS, commitMs, langGraphPerStepMs: (await langGraphChain(STEPS)) / STEPS },
      fanOut: { width: WIDTH, ms: fanMs, langGraphMs: await langGraphFanOut(WIDTH) },
      concurrent: runs,
      healthzIdleP99: p99(idle),
    };
  } finally {
    slow.stop();
    await t.close();
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
export const describePipelineEngine = (r: PipelineEngineBench): string =>
  [
    `database                    ${r.database}`,
    `200-step sequential chain   ${ms(r.chain.perStepMs)} per step; one single-row commit ${ms(r.chain.commitMs)} (${(r.chain.perStepMs / r.chain.commitMs).toFixed(1)}×);` +
      ` LangGraph.js + MemorySaver ${ms(r.chain.langGraphPerStepMs)} per node (${(r.chain.perStepMs / r.chain.langGraphPerStepMs).toFixed(2)}×)`,
    `100-wide fan-out and join   ${ms(r.fanOut.ms)}; LangGraph.js + MemorySaver ${ms(r.fanOut.langGraphMs)}`,
    ...r.concurrent.map(
      (c) =>
        `${c.runs} runs × ${c.steps} ${c.step} steps × ${c.latencyMs} ms   wall ${ms(c.wallMs)}; critical path ${ms(c.criticalPathMs)} (${(c.wallMs / c.criticalPathMs).toFixed(1)}×); the server process's CPU ${ms(c.cpuMs)}; /healthz p99 ${ms(c.healthzP99)}\n` +
        `    floor: the same ${c.runs * c.steps} calls without the engine (${c.step === 'http' ? 'fetch' : "the AI SDK's streamText on the mock model"}) wall ${ms(c.floor.wallMs)}, CPU ${ms(c.floor.cpuMs)}; the engine, its database and the API add ${ms(c.cpuMs - c.floor.cpuMs)} of CPU (${((c.cpuMs - c.floor.cpuMs) / (c.runs * c.steps)).toFixed(2)} ms per step)`,
    ),
    `/healthz p99 idle ${ms(r.healthzIdleP99)}`,
  ].join('\n');
