import { createTestApp } from '../apps/server/src/test-support.js';
import { parsePrometheusText, seriesCount } from '../apps/server/src/observability/prometheus-text.test-support.js';

const TOKEN = 'bench-metrics-token-0123456789abcdef0123';
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * `GET /metrics` with `agents` agents that have each ended a chat turn (mock provider, PGlite), so every
 * per-agent series exists, plus queued work for the queue-depth query: `scrapes` scrapes, each timed from
 * request to the whole body (auth, the queue-depth query, the default process metrics, serialisation),
 * in-process through supertest. Goal: ≤ 50 ms.
 */
export async function metricsScrapeBench(agents = 200, scrapes = 100) {
  const t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
  try {
    const owner = await t.signupOwner();
    const chat = async (i: number) => {
      const agent = await owner.client
        .post('/api/v1/agents')
        .send({ name: `Agent ${i}`, model: { provider: 'mock', model: 'free' } });
      const conversation = await owner.client.post('/api/v1/conversations').send({ agentId: agent.body.id });
      const turn = await owner.client.post(`/api/v1/conversations/${conversation.body.id}/messages`).send({ content: 'Hi' });
      if (turn.status !== 200) throw new Error(`turn failed: ${turn.status} ${turn.text}`);
    };
    // Eight at a time: the set-up is not what is measured.
    for (let i = 0; i < agents; i += 8) await Promise.all(Array.from({ length: Math.min(8, agents - i) }, (_, k) => chat(i + k)));
    const scrape = async () => {
      const res = await t.anonymous.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      if (res.status !== 200) throw new Error(`scrape failed: ${res.status}`);
      return res.text;
    };
    const first = await scrape();
    const series = seriesCount(parsePrometheusText(first));
    for (let i = 0; i < 10; i += 1) await scrape();
    const times: number[] = [];
    for (let i = 0; i < scrapes; i += 1) {
      const started = process.hrtime.bigint();
      await scrape();
      times.push(ms(started));
    }
    // Baseline in the same run: /healthz through the same client, i.e. what any request costs here.
    const health: number[] = [];
    for (let i = 0; i < scrapes; i += 1) {
      const started = process.hrtime.bigint();
      await t.anonymous.get('/healthz');
      health.push(ms(started));
    }
    const sorted = times.sort((a, b) => a - b);
    return {
      agents,
      scrapes,
      series,
      bytes: first.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted.at(-1) ?? 0,
      healthP50: percentile(
        health.sort((a, b) => a - b),
        50,
      ),
    };
  } finally {
    await t.close();
  }
}

export const describeMetricsScrape = (r: Awaited<ReturnType<typeof metricsScrapeBench>>) =>
  [
    `${r.agents} agents with a task each: ${r.series} series, ${Math.round(r.bytes / 1024)} KiB; ${r.scrapes} scrapes (goal ≤ 50 ms)`,
    `p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   max ${r.max.toFixed(1)} ms   (/healthz p50 ${r.healthP50.toFixed(1)} ms)`,
  ].join('\n');
