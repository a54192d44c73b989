import type { LlmCall } from '@agent-fleet/contracts';
import type { OperationalMetrics, PipelineEnd, TaskEnd, TaskNames } from '@agent-fleet/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Work waiting to be taken, as counted at scrape time. */
export interface QueueDepth {
  /** `fleet_tasks` (queued tasks of a fleet) or `pipeline_steps` (queued steps of every run). */
  queue: 'fleet_tasks' | 'pipeline_steps';
  /** The fleet's name; '' for pipeline steps. */
  fleet: string;
  depth: number;
}

export interface PrometheusMetricsOptions {
  /** Reads the queue depths at scrape time (one cheap query). */
  queueDepth(): Promise<QueueDepth[]>;
  /** Open WebSocket connections of this server, read at scrape time. */
  wsConnections(): number;
  /**
   * Distinct values one name label (agent, fleet, provider, model) may take; later ones are counted under
   * `_other`, so a runaway configuration cannot grow the series without bound. Default 1000.
   */
  maxLabelValues?: number;
  /** Add Node's default process metrics (`process_*`, `nodejs_*`). Default true. */
  processMetrics?: boolean;
}

/** The label value past the cap of distinct values. */
export const OTHER_LABEL = '_other';

const TOKEN_TYPES = [
  ['input', 'inputTokens'],
  ['output', 'outputTokens'],
  ['cached_input', 'cachedInputTokens'],
  ['cache_write', 'cacheWriteTokens'],
  ['reasoning', 'reasoningTokens'],
] as const;

/** Keeps the first `max` distinct values of one label; later values map to `_other`. */
class LabelCap {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(raw);
    return raw;
  }
}

/**
 * The Prometheus adapter of the `OperationalMetrics` port (docs/observability.md lists every series). It
 * owns its registry, so two apps in one process (tests) never share counters. Counters are bumped where
 * things happen; gauges are computed when scraped. No label carries an id: agents, fleets, providers and
 * models appear by name, each capped at `maxLabelValues` distinct values.
 */
export class PrometheusMetrics implements OperationalMetrics {
  readonly registry = new Registry();
  private readonly agents: LabelCap;
  private readonly providers: LabelCap;
  private readonly models: LabelCap;
  private readonly fleets: LabelCap;
  private readonly tasks: Counter<'fleet' | 'agent' | 'kind' | 'status'>;
  private readonly taskDuration: Histogram<'kind' | 'status'>;
  private readonly llmCalls: Counter<'provider' | 'model' | 'outcome'>;
  private readonly llmTokens: Counter<'provider' | 'model' | 'type'>;
  private readonly llmCost: Counter<'provider' | 'model'>;
  private readonly firstToken: Histogram<'provider' | 'model'>;
  private readonly runs: Counter<'status'>;
  private readonly runDuration: Histogram<'status'>;
  private readonly steps: Counter<'status'>;
  private readonly dropped: Counter;

  constructor(options: PrometheusMetricsOptions) {
    const max = options.maxLabelValues ?? 1000;
    this.agents = new LabelCap(max);
    this.providers = new LabelCap(max);
    this.models = new LabelCap(max);
    this.fleets = new LabelCap(max);
    const registers = [this.registry];
    this.tasks = new Counter({
      name: 'agentfleet_tasks_total',
      help: "Agent tasks ended, by fleet name ('' outside fleets), agent name, kind and final status",
      labelNames: ['fleet', 'agent', 'kind', 'status'],
      registers,
    });
    this.taskDuration = new Histogram({
      name: 'agentfleet_task_duration_seconds',
      help: 'Duration of ended agent tasks',
      labelNames: ['kind', 'status'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers,
    });
    this.llmCalls = new Counter({
      name: 'agentfleet_llm_calls_total',
      help: 'Provider calls (each try is one), by outcome: success, error, cancelled, interrupted',
      labelNames: ['provider', 'model', 'outcome'],
      registers,
    });
    this.llmTokens = new Counter({
      name: 'agentfleet_llm_tokens_total',
      help: 'Tokens of provider calls, by type: input, output, cached_input, cache_write, reasoning',
      labelNames: ['provider', 'model', 'type'],
      registers,
    });
    this.llmCost = new Counter({
      name: 'agentfleet_llm_cost_usd_total',
      help: 'Cost of provider calls in US dollars, as the ledger records it',
      labelNames: ['provider', 'model'],
      registers,
    });
    this.firstToken = new Histogram({
      name: 'agentfleet_llm_time_to_first_token_seconds',
      help: 'Time from a provider request to its first token',
      labelNames: ['provider', 'model'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
      registers,
    });
    this.runs = new Counter({
      name: 'agentfleet_runs_total',
      help: 'Pipeline runs ended, by status: succeeded, failed, cancelled',
      labelNames: ['status'],
      registers,
    });
    this.runDuration = new Histogram({
      name: 'agentfleet_run_duration_seconds',
      help: 'Duration of ended pipeline runs that report one',
      labelNames: ['status'],
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400],
      registers,
    });
    this.steps = new Counter({
      name: 'agentfleet_steps_total',
      help: 'Pipeline steps ended, by status: succeeded, failed, skipped, cancelled',
      labelNames: ['status'],
      registers,
    });
    this.dropped = new Counter({
      name: 'agentfleet_ws_dropped_total',
      help: 'WebSocket clients dropped for falling too far behind',
      registers,
    });
    const fleets = this.fleets;
    new Gauge({
      name: 'agentfleet_queue_depth',
      help: 'Work waiting to be taken: queued fleet tasks per fleet, queued pipeline steps',
      labelNames: ['queue', 'fleet'],
      registers,
      async collect() {
        const depths = await options.queueDepth();
        this.reset();
        for (const { queue, fleet, depth } of depths) {
          this.inc({ queue, fleet: queue === 'fleet_tasks' ? fleets.value(fleet) : '' }, depth);
        }
      },
    });
    new Gauge({
      name: 'agentfleet_ws_connections',
      help: 'Open WebSocket connections on this server',
      registers,
      collect() {
        this.set(options.wsConnections());
      },
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  llmCallRecorded(call: LlmCall): void {
    const provider = this.providers.value(call.provider);
    const model = this.models.value(call.model);
    this.llmCalls.inc({ provider, model, outcome: call.outcome });
    for (const [type, field] of TOKEN_TYPES) {
      const tokens = call.usage[field];
      if (tokens > 0) this.llmTokens.inc({ provider, model, type }, tokens);
    }
    if (call.costUsd > 0) this.llmCost.inc({ provider, model }, call.costUsd);
    if (call.timeToFirstTokenMs !== null) this.firstToken.observe({ provider, model }, call.timeToFirstTokenMs / 1000);
  }

  taskEnded(names: TaskNames, task: TaskEnd): void {
    this.tasks.inc({
      fleet: names.fleet === null ? '' : this.fleets.value(names.fleet),
      agent: this.agents.value(names.agent),
      kind: task.kind,
      status: task.status,
    });
    if (task.durationMs !== null) this.taskDuration.observe({ kind: task.kind, status: task.status }, task.durationMs / 1000);
  }

  pipelineEnded(end: PipelineEnd): void {
    if (end.what === 'step') {
      this.steps.inc({ status: end.status });
      return;
    }
    this.runs.inc({ status: end.status });
    if (end.durationMs !== null) this.runDuration.observe({ status: end.status }, end.durationMs / 1000);
  }

  wsDropped(): void {
    this.dropped.inc();
  }

  /**
   * The exposition: every series in the Prometheus text format 0.0.4. prom-client writes a NaN value
   * (the event-loop lag before its first sample, say) as `Nan`, which the format does not know: `NaN`.
   */
  async scrape(): Promise<string> {
    return (await this.registry.metrics()).replace(/ Nan$/gm, ' NaN');
  }
}
