import {
  DASHBOARD_RANGES,
  DASHBOARD_SPEND_LIMIT,
  METRICS_BUCKETS,
  type Dashboard,
  type DashboardActivity,
  type DashboardBucket,
  type DashboardFailure,
  type DashboardFigures,
  type DashboardQuery,
  type DashboardState,
  type Provider,
  type ProviderHealth,
  type UsageSummary,
  type UsageSummaryQuery,
} from '@agent-fleet/contracts';
import type { MetricsRange } from './metrics-service.js';

/** How far back a provider's recent error rate looks. */
export const PROVIDER_HEALTH_WINDOW_MS = 3_600_000;

/** A provider's ledger rows since a time. */
export interface ProviderCallCounts {
  provider: string;
  calls: number;
  errors: number;
}

/** The workspace's state now, as the rows hold it (the service adds providers and the server). */
export type DashboardRowState = Pick<DashboardState, 'agents' | 'fleets' | 'runs'> & { instancesAlive: number };

/** The dashboard's reads, each computed in SQL from the rows. */
export interface DashboardRepository {
  state(workspaceId: string, now: Date): Promise<DashboardRowState>;
  figures(workspaceId: string, range: MetricsRange): Promise<DashboardFigures>;
  /** Every bucket of `range` (its `bucketMs` is set), empty ones included. */
  series(workspaceId: string, range: MetricsRange): Promise<DashboardBucket[]>;
  providerCalls(workspaceId: string, since: Date): Promise<ProviderCallCounts[]>;
  failures(workspaceId: string, range: MetricsRange): Promise<DashboardFailure[]>;
  activity(workspaceId: string, range: MetricsRange): Promise<DashboardActivity[]>;
}

/** What the server says about itself. */
export interface DashboardServerInfo {
  version: string;
  database: 'pglite' | 'postgres';
  uptimeSeconds(): number;
}

export interface DashboardServiceDependencies {
  dashboard: DashboardRepository;
  /** The usage module's totals by agent and by model (labelled, highest cost first). */
  usage: { summary(workspaceId: string, query: UsageSummaryQuery): Promise<UsageSummary> };
  providers: { list(workspaceId: string): Promise<Provider[]> };
  server: DashboardServerInfo;
  /** The clock; `() => new Date()` by default. */
  now?: () => Date;
}

/** The recent error rate at which a provider counts as failing rather than degraded. */
const FAILING_RATE = 0.5;

export function providerHealth(ready: boolean, calls: number, errors: number): ProviderHealth {
  if (!ready) return 'unconfigured';
  if (calls === 0) return 'idle';
  if (errors === 0) return 'healthy';
  return errors / calls >= FAILING_RATE ? 'failing' : 'degraded';
}

/**
 * The operations overview of a workspace (`DashboardSchema`): state now, key figures of the range and of
 * the period before it, series, spend, failures and activity. Nothing is kept between requests.
 */
export class DashboardService {
  constructor(private readonly deps: DashboardServiceDependencies) {}

  async overview(workspaceId: string, query: DashboardQuery): Promise<Dashboard> {
    const now = (this.deps.now ?? (() => new Date()))();
    const { spanMs, bucket } = DASHBOARD_RANGES[query.range];
    const from = new Date(now.getTime() - spanMs);
    const current: MetricsRange = { from, to: now, now, bucketMs: METRICS_BUCKETS[bucket] };
    const previous: MetricsRange = { from: new Date(from.getTime() - spanMs), to: from, now, bucketMs: null };
    const usageRange = { from: from.toISOString(), to: now.toISOString() };
    const repo = this.deps.dashboard;
    const [state, currentFigures, previousFigures, series, byAgent, byModel, failures, activity, providers] = await Promise.all([
      repo.state(workspaceId, now),
      repo.figures(workspaceId, current),
      repo.figures(workspaceId, previous),
      repo.series(workspaceId, current),
      this.deps.usage.summary(workspaceId, { ...usageRange, groupBy: 'agent' }),
      this.deps.usage.summary(workspaceId, { ...usageRange, groupBy: 'model' }),
      repo.failures(workspaceId, current),
      repo.activity(workspaceId, current),
      this.providers(workspaceId, now),
    ]);
    const { instancesAlive, ...rows } = state;
    const { server } = this.deps;
    return {
      range: query.range,
      from: from.toISOString(),
      to: now.toISOString(),
      previousFrom: previous.from.toISOString(),
      bucket,
      state: {
        ...rows,
        providers,
        server: {
          version: server.version,
          uptimeSeconds: server.uptimeSeconds(),
          database: server.database,
          instancesAlive,
        },
      },
      current: currentFigures,
      previous: previousFigures,
      series,
      byAgent: byAgent.rows.slice(0, DASHBOARD_SPEND_LIMIT),
      byModel: byModel.rows.slice(0, DASHBOARD_SPEND_LIMIT),
      failures,
      activity,
    };
  }

  /** The configured providers, and any other the ledger names in the window, with their recent health. */
  private async providers(workspaceId: string, now: Date): Promise<DashboardState['providers']> {
    const since = new Date(now.getTime() - PROVIDER_HEALTH_WINDOW_MS);
    const [configured, counts] = await Promise.all([
      this.deps.providers.list(workspaceId),
      this.deps.dashboard.providerCalls(workspaceId, since),
    ]);
    const countOf = new Map(counts.map((row) => [row.provider, row]));
    const entry = (id: string, kind: Provider['kind'] | null, ready: boolean) => {
      const { calls = 0, errors = 0 } = countOf.get(id) ?? {};
      return {
        id,
        kind,
        ready,
        health: providerHealth(ready, calls, errors),
        calls,
        errors,
        errorRate: calls ? errors / calls : 0,
      };
    };
    const known = new Set(configured.map((provider) => provider.id));
    return [
      ...configured.map((provider) => entry(provider.id, provider.kind, provider.ready)),
      ...counts.filter((row) => !known.has(row.provider)).map((row) => entry(row.provider, null, false)),
    ];
  }
}
