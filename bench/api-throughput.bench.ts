import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { FsBlobStore } from '@agent-fleet/adapters';
import { SecretBox } from '@agent-fleet/core';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@agent-fleet/db';
import autocannon from 'autocannon';
import express from 'express';
import pg from 'pg';
import { loadEnv } from '../apps/server/src/env.js';
import { createHttpServer } from '../apps/server/src/http/http-server.js';
import { buildApp, createLogger } from '../apps/server/src/main.js';
import { format } from './measure.js';

/** Concurrent connections, as in issue 9's measurement. */
const CONNECTIONS = 50;
const AGENTS = 50;

export interface Throughput {
  /** The median over the rounds. */
  requestsPerSecond: number;
  /** The median over the rounds of the ratio to the baseline's rate in the same round (1 for the baseline). */
  ratio: number;
  /** The median over the rounds, and the worst. */
  p99Ms: number;
  worstP99Ms: number;
  /**
   * CPU time of the serving thread per request, in ms (Linux only): what the other processes on a
   * shared machine barely move, unlike the rate. PGlite's work is in it, a PostgreSQL server's is not.
   */
  cpuMsPerRequest?: number;
}

export interface ApiThroughput {
  database: 'PGlite' | 'PostgreSQL';
  /** An Express 5 hello-world in the same process, measured in the same run. */
  baseline: Throughput;
  /** `/healthz`: the middleware stack with no auth and no query. */
  healthz: Throughput;
  /** `GET /api/v1/agents?limit=50` with an API key, 50 agents in the workspace. */
  agents: Throughput;
  /** The same with the response cache off (`API_CACHE_TTL_MS=0`): a query and serialisation each time. */
  agentsUncached: Throughput;
}

/** Rounds per target: each round measures every target once, in turn, for `seconds / ROUNDS`. */
const ROUNDS = 5;

/**
 * autocannon at 50 connections against the real app (production configuration: request logging to a
 * discarding stream, compression, helmet) and against an Express hello-world, both served by this
 * thread while autocannon fires from a worker thread. PGlite always; PostgreSQL when `DATABASE_URL`
 * names a server where the bench may create (and then drop) a scratch database.
 *
 * The targets take turns in short rounds and each is compared with the hello-world of its own round:
 * on a shared machine the load moves within seconds, and ten seconds of baseline followed by ten of
 * the list compared two different machines.
 */
export async function apiThroughputBench(seconds = 10): Promise<ApiThroughput[]> {
  const results = [await measureDatabase('PGlite', seconds)];
  if (process.env.DATABASE_URL) results.push(await measureDatabase('PostgreSQL', seconds));
  return results;
}

async function measureDatabase(database: ApiThroughput['database'], seconds: number): Promise<ApiThroughput> {
  const scratch = database === 'PGlite' ? await scratchPglite() : await scratchPostgres(process.env.DATABASE_URL ?? '');
  const blobDir = mkdtempSync(join(tmpdir(), 'af-bench-blobs-'));
  const hello = express();
  hello.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  const helloServer = await listen(hello);
  const authSecret = randomBytes(32);
  const secrets = new SecretBox(randomBytes(32));
  // Two apps on one database: the production default, and the same with the response cache off.
  const appWith = (cacheTtlMs?: string) => {
    const env = loadEnv({
      DATA_DIR: blobDir,
      WEB_DIST_DIR: join(blobDir, 'no-web'),
      ...(cacheTtlMs === undefined ? {} : { API_CACHE_TTL_MS: cacheTtlMs }),
    });
    const logger = createLogger(env, new Writable({ write: (_chunk, _encoding, done) => done() }));
    return buildApp({ database: scratch.handle, logger, env, authSecret, secrets, blobs: new FsBlobStore(blobDir) }).app;
  };
  const apiServer = await listen(appWith());
  const uncachedServer = await listen(appWith('0'));
  try {
    const api = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;
    const apiKey = await seed(api);
    const auth = { Authorization: `Bearer ${apiKey}` };
    const helloUrl = `http://127.0.0.1:${(helloServer.address() as AddressInfo).port}/`;
    const agentsPath = `/api/v1/agents?limit=${AGENTS}`;
    const uncachedUrl = `http://127.0.0.1:${(uncachedServer.address() as AddressInfo).port}${agentsPath}`;
    // Warm-up: JIT, connection pools, PGlite's caches.
    await fire(helloUrl, {}, 2);
    await fire(api + agentsPath, auth, 2);
    await fire(uncachedUrl, auth, 2);
    const targets = {
      baseline: [helloUrl, {}],
      healthz: [`${api}/healthz`, {}],
      agents: [api + agentsPath, auth],
      agentsUncached: [uncachedUrl, auth],
    } satisfies Record<string, [string, Record<string, string>]>;
    type Target = keyof typeof targets;
    const rounds: Record<Target, Window>[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const measured: Partial<Record<Target, Window>> = {};
      for (const [name, [url, headers]] of Object.entries(targets)) {
        measured[name as Target] = await fire(url, headers, seconds / ROUNDS);
      }
      rounds.push(measured as Record<Target, Window>);
    }
    const summary = (name: Target) => summarise(rounds.map((round) => [round[name], round.baseline]));
    return {
      database,
      baseline: summary('baseline'),
      healthz: summary('healthz'),
      agents: summary('agents'),
      agentsUncached: summary('agentsUncached'),
    };
  } finally {
    helloServer.close();
    apiServer.close();
    uncachedServer.close();
    await scratch.close();
    rmSync(blobDir, { recursive: true, force: true });
  }
}

async function listen(app: express.Express): Promise<Server> {
  const server = createHttpServer(app, { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** An owner, 50 agents and an owner-role API key, made through the API. */
async function seed(api: string): Promise<string> {
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(api + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const session = await call('/api/v1/auth/signup', {
    email: 'bench@example.test',
    password: 'correct horse battery staple',
    name: 'Bench',
  });
  const token = String(session.accessToken);
  for (let i = 0; i < AGENTS; i += 1) {
    await call('/api/v1/agents', { name: `Agent ${i}`, model: { provider: 'mock', model: 'echo' }, skills: ['bench'] }, token);
  }
  return String((await call('/api/v1/api-keys', { name: 'bench', role: 'owner' }, token)).key);
}

/** One window of one target: its rate, p99, requests and the serving thread's CPU time (if known). */
interface Window {
  requestsPerSecond: number;
  p99Ms: number;
  requests: number;
  cpuMs?: number;
}

async function fire(url: string, headers: Record<string, string>, seconds: number): Promise<Window> {
  const cpuBefore = serverThreadCpuMs();
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, workers: 1 });
  const cpuAfter = serverThreadCpuMs();
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ...(cpuBefore === undefined || cpuAfter === undefined ? {} : { cpuMs: cpuAfter - cpuBefore }),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** A target over the rounds, each window paired with the baseline's window of its round. */
function summarise(pairs: [target: Window, baseline: Window][]): Throughput {
  const windows = pairs.map(([target]) => target);
  const cpuMs = windows.every((window) => window.cpuMs !== undefined)
    ? windows.reduce((sum, window) => sum + (window.cpuMs ?? 0), 0)
    : undefined;
  const requests = windows.reduce((sum, window) => sum + window.requests, 0);
  return {
    requestsPerSecond: median(windows.map((window) => window.requestsPerSecond)),
    ratio: median(pairs.map(([target, baseline]) => target.requestsPerSecond / baseline.requestsPerSecond)),
    p99Ms: median(windows.map((window) => window.p99Ms)),
    worstP99Ms: Math.max(...windows.map((window) => window.p99Ms)),
    ...(cpuMs === undefined ? {} : { cpuMsPerRequest: cpuMs / requests }),
  };
}

/**
 * User and system CPU time of this process's main thread (which serves every app here; autocannon
 * fires from a worker thread), from `/proc` in clock ticks of 10 ms; undefined where there is no `/proc`.
 */
function serverThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function scratchPglite(): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'af-bench-pglite-'));
  const handle = await openDatabase({ driver: 'pglite', dataDir });
  await migrateDatabase(handle);
  return {
    handle,
    async close() {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A database of its own on the server `serverUrl` names, with the production pool size; dropped on close. */
async function scratchPostgres(serverUrl: string): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  const name = `af_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'postgres', url: url.toString(), poolSize: 10 });
  await migrateDatabase(handle);
  return {
    handle,
    async close() {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

const line = (label: string, measured: Throughput) =>
  `${label.padEnd(34)}${format(measured.requestsPerSecond).padStart(8)} req/s  ` +
  `${measured.ratio.toFixed(3)}× baseline  p99 ${measured.p99Ms} ms (worst ${measured.worstP99Ms})` +
  (measured.cpuMsPerRequest === undefined ? '' : `  CPU ${measured.cpuMsPerRequest.toFixed(3)} ms/request`);

export const describeApiThroughput = (results: ApiThroughput[]) =>
  results
    .map((r) =>
      [
        `${r.database}, ${CONNECTIONS} connections; medians of ${ROUNDS} rounds, each ratio to the baseline of its round`,
        line('  Express hello-world (baseline)', r.baseline),
        line('  GET /healthz', r.healthz),
        line(`  GET /api/v1/agents?limit=${AGENTS}`, r.agents),
        line('    the same, response cache off', r.agentsUncached),
      ].join('\n'),
    )
    .join('\n');
