import {
  DEFAULT_METRICS_RANGE_MS,
  MAX_METRICS_BUCKETS,
  MAX_METRICS_RANGE_MS,
  METRICS_BUCKETS,
  type AgentMetrics,
  type FleetMetrics,
  type MetricsQuery,
} from '@agent-fleet/contracts';
import { invalidField, notFound } from '../app-error.js';

/** The range figures cover, `[from, to)`, the time "now" is read at, and the series bucket (ms) if any. */
export interface MetricsRange {
  from: Date;
  to: Date;
  now: Date;
  bucketMs: number | null;
}

/** What a metrics repository answers for one subject; the service adds the range. */
export type SubjectMetrics = Pick<FleetMetrics, 'totals' | 'members' | 'routing' | 'series'>;

export interface MetricsRepository {
  fleet(workspaceId: string, fleetId: string, range: MetricsRange): Promise<SubjectMetrics & Pick<FleetMetrics, 'queue'>>;
  agent(workspaceId: string, agentId: string, range: MetricsRange): Promise<SubjectMetrics>;
}

export interface MetricsServiceDependencies {
  metrics: MetricsRepository;
  fleets: { findById(workspaceId: string, id: string): Promise<unknown> };
  agents: { findById(workspaceId: string, id: string): Promise<unknown> };
  /** The clock; `() => new Date()` by default. */
  now?: () => Date;
}

/**
 * Monitoring figures of a fleet or an agent over a time range, computed on demand from the rows (see
 * `MetricsFiguresSchema` for what each figure means).
 */
export class MetricsService {
  constructor(private readonly deps: MetricsServiceDependencies) {}

  async fleet(workspaceId: string, fleetId: string, query: MetricsQuery): Promise<FleetMetrics> {
    const range = this.range(query);
    if (!(await this.deps.fleets.findById(workspaceId, fleetId))) throw notFound('Fleet', fleetId);
    return { ...rangeOf(range, query), ...(await this.deps.metrics.fleet(workspaceId, fleetId, range)) };
  }

  async agent(workspaceId: string, agentId: string, query: MetricsQuery): Promise<AgentMetrics> {
    const range = this.range(query);
    if (!(await this.deps.agents.findById(workspaceId, agentId))) throw notFound('Agent', agentId);
    const { totals, routing, series } = await this.deps.metrics.agent(workspaceId, agentId, range);
    return { ...rangeOf(range, query), totals, routing, series };
  }

  /** Fills the defaults (`to` now, `from` 24 h before it) and refuses a range that is empty, too long or too finely bucketed. */
  private range(query: MetricsQuery): MetricsRange {
    const now = (this.deps.now ?? (() => new Date()))();
    const to = query.to === undefined ? now : new Date(query.to);
    const from = query.from === undefined ? new Date(to.getTime() - DEFAULT_METRICS_RANGE_MS) : new Date(query.from);
    const span = to.getTime() - from.getTime();
    if (span <= 0) throw invalidField('from', 'Must be before to');
    if (span > MAX_METRICS_RANGE_MS) throw invalidField('from', 'The range may cover at most 90 days');
    const bucketMs = query.bucket === undefined ? null : METRICS_BUCKETS[query.bucket];
    if (bucketMs !== null && Math.ceil(span / bucketMs) > MAX_METRICS_BUCKETS) {
      throw invalidField('bucket', `At most ${MAX_METRICS_BUCKETS} buckets; use a larger bucket or a shorter range`);
    }
    return { from, to, now, bucketMs };
  }
}

const rangeOf = (range: MetricsRange, query: MetricsQuery) => ({
  from: range.from.toISOString(),
  to: range.to.toISOString(),
  bucket: query.bucket ?? null,
});
