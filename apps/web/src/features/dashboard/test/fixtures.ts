import type { Dashboard, DashboardFigures, UsageRow } from '@agent-fleet/contracts';

export const AGENT_ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
export const RUN_ID = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
export const TASK_ID = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

export const zeroFigures = (): DashboardFigures => ({
  tasks: { started: 0, succeeded: 0, failed: 0, cancelled: 0 },
  runs: { started: 0, succeeded: 0, failed: 0, cancelled: 0 },
  successRate: 0,
  latencyMs: { p50: 0, p95: 0 },
  timeToFirstTokenMs: { p50: 0, p95: 0 },
  usage: { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0 },
  failedCalls: 0,
  limitTrips: 0,
});

const row = (key: string, label: string, calls: number, costUsd: number): UsageRow => ({
  key,
  label,
  calls,
  errors: 0,
  inputTokens: calls * 100,
  outputTokens: calls * 20,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd,
});

/** A brand-new workspace: nothing but the server and the built-in provider. */
export function emptyDashboard(range: Dashboard['range'] = '24h'): Dashboard {
  const to = '2026-03-10T12:00:00.000Z';
  return {
    range,
    from: '2026-03-09T12:00:00.000Z',
    to,
    previousFrom: '2026-03-08T12:00:00.000Z',
    bucket: '1h',
    state: {
      agents: {
        total: 0,
        observed: { idle: 0, busy: 0, error: 0, offline: 0 },
        admin: { active: 0, paused: 0, draining: 0, disabled: 0 },
      },
      fleets: [],
      runs: { running: 0, queued: 0, waitingForApproval: 0 },
      providers: [{ id: 'mock', kind: 'mock', ready: true, health: 'idle', calls: 0, errors: 0, errorRate: 0 }],
      server: { version: '1.2.3', uptimeSeconds: 3_700, database: 'pglite', instancesAlive: 1 },
    },
    current: zeroFigures(),
    previous: zeroFigures(),
    series: Array.from({ length: 24 }, (_, index) => ({
      start: new Date(Date.parse('2026-03-09T12:00:00.000Z') + index * 3_600_000).toISOString(),
      calls: 0,
      failedCalls: 0,
      costUsd: 0,
      tokens: 0,
    })),
    byAgent: [],
    byModel: [],
    failures: [],
    activity: [],
  };
}

/** A workspace at work: an agent busy, runs waiting, spend and failures in the range. */
export function busyDashboard(): Dashboard {
  const base = emptyDashboard();
  return {
    ...base,
    state: {
      ...base.state,
      agents: {
        total: 2,
        observed: { idle: 1, busy: 1, error: 0, offline: 0 },
        admin: { active: 1, paused: 1, draining: 0, disabled: 0 },
      },
      fleets: [{ id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', name: 'Support fleet', queued: 3, running: 1 }],
      runs: { running: 2, queued: 1, waitingForApproval: 1 },
      providers: [
        { id: 'mock', kind: 'mock', ready: true, health: 'healthy', calls: 10, errors: 0, errorRate: 0 },
        { id: 'openai', kind: 'openai', ready: true, health: 'failing', calls: 4, errors: 2, errorRate: 0.5 },
      ],
    },
    current: {
      ...zeroFigures(),
      tasks: { started: 12, succeeded: 9, failed: 1, cancelled: 0 },
      runs: { started: 3, succeeded: 2, failed: 1, cancelled: 0 },
      successRate: 11 / 13,
      latencyMs: { p50: 850, p95: 2_400 },
      timeToFirstTokenMs: { p50: 120, p95: 300 },
      usage: { calls: 14, inputTokens: 1_400, outputTokens: 280, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 1.5 },
      failedCalls: 2,
    },
    previous: {
      ...zeroFigures(),
      tasks: { started: 6, succeeded: 6, failed: 0, cancelled: 0 },
      successRate: 1,
      usage: { calls: 7, inputTokens: 700, outputTokens: 140, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 1 },
    },
    series: base.series.map((bucket, index) =>
      index === 23 ? { ...bucket, calls: 14, failedCalls: 2, costUsd: 1.5, tokens: 1_680 } : bucket,
    ),
    byAgent: [row(AGENT_ID, 'Triage', 10, 1.25), row('', 'No agent', 4, 0.25)],
    byModel: [row('openai/gpt-x', 'openai/gpt-x', 4, 1.25), row('mock/echo', 'mock/echo', 10, 0.25)],
    failures: [
      {
        source: 'run',
        id: RUN_ID,
        at: '2026-03-10T11:30:00.000Z',
        errorClass: 'step_failed',
        message: 'Step "a" failed',
        subject: 'nightly-report',
        link: { kind: 'run', runId: RUN_ID },
      },
    ],
    activity: [
      {
        id: `task_finished:${TASK_ID}`,
        kind: 'task_finished',
        at: '2026-03-10T11:55:00.000Z',
        subject: 'Triage',
        detail: 'succeeded',
        link: { kind: 'task', agentId: AGENT_ID, taskId: TASK_ID },
      },
      {
        id: `limit_trip:${TASK_ID}`,
        kind: 'limit_trip',
        at: '2026-03-10T11:50:00.000Z',
        subject: 'Triage',
        detail: 'delegation_loop',
        link: { kind: 'agent', agentId: AGENT_ID },
      },
    ],
  };
}
