import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { fleetTaskClient } from '../modules/fleets/fleet-tasks.test-support.js';
import { waitForRunStatus } from '../modules/runs/run-polling.test-support.js';
import { parsePrometheusText, sampleValue, type MetricFamily } from './prometheus-text.test-support.js';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
  owner = await t.signupOwner();
}, 60_000);
afterAll(() => t.close());

async function scrape(): Promise<Map<string, MetricFamily>> {
  const res = await t.anonymous.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(res.text);
}

describe('GET /metrics', () => {
  it('is off by default: without METRICS_TOKEN it answers 404, token or not', async () => {
    const off = await createTestApp();
    try {
      expect((await off.anonymous.get('/metrics')).status).toBe(404);
      const withToken = await off.anonymous.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(withToken.status).toBe(404);
      expect(withToken.body.code).toBe('route_not_found');
    } finally {
      await off.close();
    }
  });

  it('refuses a scrape without the token, with a wrong one, or with a user’s token (401)', async () => {
    expect((await t.anonymous.get('/metrics')).status).toBe(401);
    expect((await t.anonymous.get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await t.anonymous.get('/metrics').set('Authorization', `Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await t.anonymous.get('/metrics').set('Authorization', `Basic ${TOKEN}`)).status).toBe(401);
    const asUser = await owner.client.get('/metrics');
    expect(asUser.status).toBe(401);
    expect(asUser.text).not.toContain('agentfleet_');
  });

  it('serves the Prometheus text format: agentfleet_ series with their types, and the process metrics', async () => {
    const families = await scrape();
    const types = Object.fromEntries([...families.values()].map((family) => [family.name, family.type]));
    expect(types).toMatchObject({
      agentfleet_tasks_total: 'counter',
      agentfleet_task_duration_seconds: 'histogram',
      agentfleet_llm_calls_total: 'counter',
      agentfleet_llm_tokens_total: 'counter',
      agentfleet_llm_cost_usd_total: 'counter',
      agentfleet_llm_time_to_first_token_seconds: 'histogram',
      agentfleet_runs_total: 'counter',
      agentfleet_run_duration_seconds: 'histogram',
      agentfleet_steps_total: 'counter',
      agentfleet_queue_depth: 'gauge',
      agentfleet_ws_connections: 'gauge',
      agentfleet_ws_dropped_total: 'counter',
      process_cpu_seconds_total: 'counter',
      nodejs_heap_size_used_bytes: 'gauge',
    });
    expect(sampleValue(families, 'agentfleet_queue_depth', { queue: 'pipeline_steps', fleet: '' })).toBe(0);
    expect(sampleValue(families, 'agentfleet_ws_connections')).toBe(0);
  });

  it('counts a chat turn: its task, its model call and its tokens, labelled by names, never ids', async () => {
    const agent = await createMockAgent(owner, 'Metrics Echo');
    const before = await scrape();
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body as { id: string };
    const turn = await owner.client.post(`/api/v1/conversations/${conversation.id}/messages`).send({ content: 'Count me' });
    expect(turn.status, turn.text).toBe(200);
    const after = await scrape();

    const task = { fleet: '', agent: 'Metrics Echo', kind: 'conversation_turn', status: 'succeeded' };
    expect(sampleValue(before, 'agentfleet_tasks_total', task)).toBeUndefined();
    expect(sampleValue(after, 'agentfleet_tasks_total', task)).toBe(1);
    const model = { provider: 'mock', model: 'echo' };
    const calls = (b: Map<string, MetricFamily>) =>
      sampleValue(b, 'agentfleet_llm_calls_total', { ...model, outcome: 'success' }) ?? 0;
    expect(calls(after) - calls(before)).toBe(1);
    const output = (b: Map<string, MetricFamily>) =>
      sampleValue(b, 'agentfleet_llm_tokens_total', { ...model, type: 'output' }) ?? 0;
    expect(output(after)).toBeGreaterThan(output(before));
    const durations = (b: Map<string, MetricFamily>) =>
      sampleValue(
        b,
        'agentfleet_task_duration_seconds',
        { kind: 'conversation_turn', status: 'succeeded' },
        'agentfleet_task_duration_seconds_count',
      ) ?? 0;
    expect(durations(after) - durations(before)).toBe(1);

    // No label anywhere holds an id of the agent, the conversation or the user.
    const labelValues = [...after.values()].flatMap((family) => family.samples.flatMap((sample) => Object.values(sample.labels)));
    for (const id of [agent.id, conversation.id, owner.user.id]) expect(labelValues).not.toContain(id);
  });

  it('labels a fleet task’s agent task with the fleet’s name', async () => {
    const fleets = fleetTaskClient(owner);
    const fleetId = await fleets.fleet({ name: 'Metrics Crew' });
    await fleets.member(fleetId, 'Crew Echo');
    const submitted = await fleets.submit(fleetId, { input: 'Count me in the crew' });
    expect(submitted.status, submitted.text).toBe(201);
    expect((await fleets.waitFor(fleetId, submitted.body.id)).status).toBe('succeeded');
    const after = await scrape();
    const task = { agent: 'Crew Echo', kind: 'fleet_task', status: 'succeeded' };
    expect(sampleValue(after, 'agentfleet_tasks_total', { ...task, fleet: 'Metrics Crew' })).toBe(1);
    expect(sampleValue(after, 'agentfleet_tasks_total', { ...task, fleet: '' })).toBeUndefined();
  });

  it('counts a pipeline run and its steps once the run has ended', async () => {
    const source = `inputs:
  n: { type: number, required: true }
outputs:
  result: \${{ steps.triple.output }}
steps:
  double: { type: transform, value: '\${{ input.n * 2 }}' }
  triple: { type: transform, needs: [double], value: '\${{ steps.double.output * 3 }}' }
`;
    expect((await owner.client.post('/api/v1/pipelines').send({ name: 'metrics-chain', format: 'yaml', source })).status).toBe(
      201,
    );
    const before = await scrape();
    const created = await owner.client.post('/api/v1/runs').send({ pipeline: 'metrics-chain', input: { n: 2 } });
    expect(created.status, created.text).toBe(201);
    const run = await waitForRunStatus(owner.client, created.body.id);
    expect(run.status).toBe('succeeded');
    const after = await scrape();
    const runs = (b: Map<string, MetricFamily>) => sampleValue(b, 'agentfleet_runs_total', { status: 'succeeded' }) ?? 0;
    const steps = (b: Map<string, MetricFamily>) => sampleValue(b, 'agentfleet_steps_total', { status: 'succeeded' }) ?? 0;
    expect(runs(after) - runs(before)).toBe(1);
    expect(steps(after) - steps(before)).toBe(2);
  });
});
