import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../apps/server/src/test-support.js';
import { format } from './measure.js';

/**
 * Requests per second on loopback with 8 concurrent clients, for a page of 20 agents (authenticated,
 * PGlite) against the liveness probe (no auth, no database) measured in the same run.
 */
export async function apiThroughputBench(requests = 2000, concurrency = 8) {
  const t = await createTestApp();
  const owner = await t.signupOwner();
  for (let i = 0; i < 20; i += 1) {
    await owner.client
      .post('/api/v1/agents')
      .send({ name: `Agent ${i}`, model: { provider: 'mock', model: 'mock-1' }, skills: ['bench'] });
  }
  const server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const run = async (path: string, headers: Record<string, string>) => {
    let remaining = requests;
    const worker = async () => {
      while (remaining > 0) {
        remaining -= 1;
        const res = await fetch(base + path, { headers });
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        await res.arrayBuffer();
      }
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return requests / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  try {
    await run('/healthz', {});
    const baseline = await run('/healthz', {});
    const agents = await run('/api/v1/agents?limit=20', { Authorization: `Bearer ${owner.token}` });
    return { baseline, agents, ratio: baseline / agents };
  } finally {
    server.close();
    await t.close();
  }
}

export const describeApiThroughput = (r: Awaited<ReturnType<typeof apiThroughputBench>>) =>
  [
    `GET /healthz (baseline)        ${format(r.baseline)} req/s`,
    `GET /api/v1/agents?limit=20    ${format(r.agents)} req/s`,
    `cost of auth + query + JSON    ${r.ratio.toFixed(2)}× the baseline's time per request`,
  ].join('\n');
