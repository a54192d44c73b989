import { TaskKindSchema, type LlmCall } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { OTHER_LABEL, PrometheusMetrics } from './prometheus-metrics.js';
import { parsePrometheusText, sampleValue, seriesCount } from './prometheus-text.test-support.js';

const KINDS = TaskKindSchema.options;
const STATUSES = ['succeeded', 'failed', 'cancelled'] as const;

const call = (model: string): LlmCall => ({
  id: crypto.randomUUID(),
  provider: 'mock',
  model,
  mock: true,
  usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  costUsd: 0.001,
  latencyMs: 40,
  timeToFirstTokenMs: 12,
  outcome: 'success',
  errorClass: null,
  errorMessage: null,
  attempt: 1,
  fallback: false,
  agentId: crypto.randomUUID(),
  conversationId: crypto.randomUUID(),
  taskId: crypto.randomUUID(),
  runId: null,
  stepId: null,
  promptRef: null,
  estimated: false,
  unpriced: false,
  createdAt: new Date().toISOString(),
});

/** Every agent ends tasks of every kind and status, `rounds` times over; its fleet tasks run through one of 10 fleets. */
async function workload(metrics: PrometheusMetrics, agents: number, rounds: number) {
  for (let round = 0; round < rounds; round += 1) {
    for (let agent = 0; agent < agents; agent += 1) {
      for (const kind of KINDS) {
        const names = { agent: `agent-${agent}`, fleet: kind === 'fleet_task' ? `fleet-${agent % 10}` : null };
        for (const status of STATUSES) metrics.taskEnded(names, { kind, status, durationMs: 1500 });
      }
      metrics.llmCallRecorded(call('echo'));
    }
    metrics.pipelineEnded({ what: 'run', status: 'succeeded', durationMs: 2000 });
    metrics.pipelineEnded({ what: 'step', status: 'succeeded', durationMs: 100 });
  }
  return parsePrometheusText(await metrics.scrape());
}

const options = { queueDepth: async () => [], wsConnections: () => 0, processMetrics: false };

describe('PrometheusMetrics', () => {
  it('keeps the series count bounded with 200 agents: one task series per agent, kind and status, whatever the traffic', async () => {
    const metrics = new PrometheusMetrics(options);
    const once = await workload(metrics, 200, 1);
    expect(once.get('agentfleet_tasks_total')?.samples).toHaveLength(200 * KINDS.length * STATUSES.length);
    const total = seriesCount(once);
    // More tasks, calls and runs of the same agents add no series: nothing per task, call or run is a label.
    expect(seriesCount(await workload(metrics, 200, 3))).toBe(total);
    // The histogram has no agent label, so its size does not grow with the agents either.
    const histogram = once.get('agentfleet_task_duration_seconds')?.samples.length ?? 0;
    expect(histogram).toBe(KINDS.length * STATUSES.length * (12 + 1 + 2));
  });

  it('counts agents past the label cap under _other', async () => {
    const metrics = new PrometheusMetrics({ ...options, maxLabelValues: 50 });
    const families = await workload(metrics, 200, 1);
    const agents = new Set(families.get('agentfleet_tasks_total')?.samples.map((sample) => sample.labels['agent']));
    expect(agents.size).toBe(51);
    expect(agents.has(OTHER_LABEL)).toBe(true);
    // Summed over the fleets the capped agents' fleet tasks ran through.
    const other = families
      .get('agentfleet_tasks_total')
      ?.samples.filter(
        (s) => s.labels['agent'] === OTHER_LABEL && s.labels['kind'] === 'fleet_task' && s.labels['status'] === 'failed',
      )
      .reduce((sum, s) => sum + s.value, 0);
    expect(other).toBe(150);
  });

  it('labels a task run through a fleet with the fleet’s name, and any other task with fleet=""', async () => {
    const metrics = new PrometheusMetrics(options);
    const task = { kind: 'fleet_task', status: 'succeeded', durationMs: 10 } as const;
    metrics.taskEnded({ agent: 'Writer', fleet: 'Support' }, task);
    metrics.taskEnded({ agent: 'Writer', fleet: 'Support' }, task);
    metrics.taskEnded({ agent: 'Writer', fleet: 'Sales' }, task);
    metrics.taskEnded({ agent: 'Writer', fleet: null }, { ...task, kind: 'conversation_turn' });
    const families = parsePrometheusText(await metrics.scrape());
    const labels = { agent: 'Writer', kind: 'fleet_task', status: 'succeeded' };
    expect(sampleValue(families, 'agentfleet_tasks_total', { ...labels, fleet: 'Support' })).toBe(2);
    expect(sampleValue(families, 'agentfleet_tasks_total', { ...labels, fleet: 'Sales' })).toBe(1);
    expect(sampleValue(families, 'agentfleet_tasks_total', { ...labels, kind: 'conversation_turn', fleet: '' })).toBe(1);
  });

  it('counts fleets past the label cap under _other', async () => {
    const metrics = new PrometheusMetrics({ ...options, maxLabelValues: 2 });
    for (const fleet of ['a', 'b', 'c', 'd']) {
      metrics.taskEnded({ agent: 'x', fleet }, { kind: 'fleet_task', status: 'failed', durationMs: 1 });
    }
    const samples = parsePrometheusText(await metrics.scrape()).get('agentfleet_tasks_total')?.samples ?? [];
    expect(samples.map((sample) => [sample.labels['fleet'], sample.value])).toEqual([
      ['a', 1],
      ['b', 1],
      [OTHER_LABEL, 2],
    ]);
  });

  it('adds each token type, the cost and the time to first token of a recorded call', async () => {
    const metrics = new PrometheusMetrics(options);
    metrics.llmCallRecorded(call('echo'));
    metrics.llmCallRecorded(call('echo'));
    const text = await metrics.scrape();
    expect(text).toContain('agentfleet_llm_tokens_total{provider="mock",model="echo",type="input"} 20');
    expect(text).toContain('agentfleet_llm_tokens_total{provider="mock",model="echo",type="output"} 10');
    expect(text).not.toContain('type="reasoning"');
    expect(text).toContain('agentfleet_llm_cost_usd_total{provider="mock",model="echo"} 0.002');
    expect(text).toContain('agentfleet_llm_time_to_first_token_seconds_count{provider="mock",model="echo"} 2');
  });

  it('reads queue depths and open sockets when scraped', async () => {
    let sockets = 3;
    const metrics = new PrometheusMetrics({
      ...options,
      queueDepth: async () => [
        { queue: 'fleet_tasks', fleet: 'support', depth: 4 },
        { queue: 'pipeline_steps', fleet: '', depth: 7 },
      ],
      wsConnections: () => sockets,
    });
    expect(await metrics.scrape()).toContain('agentfleet_queue_depth{queue="fleet_tasks",fleet="support"} 4');
    sockets = 5;
    const text = await metrics.scrape();
    expect(text).toContain('agentfleet_queue_depth{queue="pipeline_steps",fleet=""} 7');
    expect(text).toContain('agentfleet_ws_connections 5');
  });

  it('writes a value that is not a number as NaN, which a Prometheus parser reads', async () => {
    const metrics = new PrometheusMetrics({ ...options, wsConnections: () => Number.NaN });
    const text = await metrics.scrape();
    expect(text).toMatch(/^agentfleet_ws_connections NaN$/m);
    expect(parsePrometheusText(text).get('agentfleet_ws_connections')?.samples[0]?.value).toBeNaN();
  });
});
