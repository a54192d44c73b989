import type { FleetMetrics, MetricsFigures } from '@agent-fleet/contracts';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { metricsWindow, parseMetricsRange } from '../../metrics-api';
import { formatPercentTick } from './metrics-format';
import { MonitoringCharts } from './MonitoringCharts';

const ADA = '00000000-0000-4000-8000-0000000000a1';
const usage = { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0 };
const zero: MetricsFigures = {
  tasks: { submitted: 0, succeeded: 0, failed: 0, cancelled: 0 },
  utilisation: 0,
  successRate: 0,
  errorRate: 0,
  latencyMs: { p50: 0, p95: 0 },
  usage,
  limitTrips: {},
};

function metrics(overrides: Partial<FleetMetrics> = {}): FleetMetrics {
  return {
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    bucket: '1h',
    totals: zero,
    queue: { depth: 0, oldestAgeMs: 0 },
    routing: [],
    members: [],
    series: [0, 1].map((hour) => ({
      start: new Date(Date.parse('2026-03-01T00:00:00.000Z') + hour * 3_600_000).toISOString(),
      tasks: zero.tasks,
      usage,
    })),
    ...overrides,
  };
}

const kpi = (label: string) => {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.parentElement as HTMLElement;
};

describe('MonitoringCharts', () => {
  it('says when a range had nothing to chart instead of drawing empty axes', () => {
    render(<MonitoringCharts metrics={metrics()} />);
    expect(screen.getByText('No tasks in this range.')).toBeInTheDocument();
    expect(screen.getByText('No spend in this range.')).toBeInTheDocument();
    expect(screen.getByText('No placements in this range.')).toBeInTheDocument();
    expect(screen.getByText('No limit tripped in this range.')).toBeInTheDocument();
    expect(within(kpi('Success rate')).getByText('—')).toBeInTheDocument();
    expect(within(kpi('Queue now')).getByText('nothing waits')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the figures with their units, and each chart’s numbers as a table', () => {
    const totals: MetricsFigures = {
      tasks: { submitted: 12, succeeded: 9, failed: 1, cancelled: 0 },
      utilisation: 0.375,
      successRate: 0.9,
      errorRate: 0.1,
      latencyMs: { p50: 850, p95: 4200 },
      usage: { ...usage, calls: 20, inputTokens: 1500, outputTokens: 700, costUsd: 0.0125 },
      limitTrips: { delegation_loop: 2 },
    };
    const series = metrics().series.map((point, index) =>
      index === 1 ? { ...point, tasks: totals.tasks, usage: totals.usage } : point,
    );
    render(
      <MonitoringCharts
        metrics={metrics({
          totals,
          series,
          queue: { depth: 3, oldestAgeMs: 65_000 },
          routing: [{ strategy: 'round_robin', decisions: 10, decisionMsP50: 0.12 }],
          members: [{ ...totals, agentId: ADA, utilisation: 0.5 }],
        })}
        names={new Map([[ADA, 'Ada']])}
      />,
    );
    expect(within(kpi('Success rate')).getByText('90%')).toBeInTheDocument();
    expect(within(kpi('Error rate')).getByText('10%')).toBeInTheDocument();
    expect(within(kpi('Latency p50 / p95')).getByText('850 ms / 4.2 s')).toBeInTheDocument();
    expect(within(kpi('Utilisation')).getByText('37.5%')).toBeInTheDocument();
    expect(within(kpi('Cost')).getByText('$0.0125')).toBeInTheDocument();
    expect(within(kpi('Queue now')).getByText('oldest waits 1 min 5 s')).toBeInTheDocument();
    expect(within(kpi('Limit trips')).getByText('2')).toBeInTheDocument();
    const routing = screen.getByRole('table', { name: 'Routing decisions by strategy' });
    expect(within(routing).getByRole('row', { name: /round_robin/ })).toHaveTextContent('0.12 ms');
    const trips = screen.getByRole('table', { name: 'Limit trips' });
    expect(within(trips).getByRole('row', { name: /delegation_loop/ })).toHaveTextContent('2');
    const members = screen.getByRole('table', { name: 'Utilisation by member' });
    expect(within(members).getByRole('row', { name: /Ada/ })).toHaveTextContent('50%');
    const tasks = screen.getByRole('table', { name: 'Tasks per hour' });
    expect(within(tasks).getAllByRole('row')).toHaveLength(3);
    // The drawing has a bar for the bucket's succeeded tasks.
    expect(document.querySelector('[data-bar="Succeeded"]')).not.toBeNull();
  });

  it('asks for a range ending now with a bucket that keeps the bars few, and reads the range from the URL', () => {
    const now = Date.parse('2026-03-08T12:00:00.000Z');
    expect(metricsWindow('1h', now)).toEqual({ from: '2026-03-08T11:00:00.000Z', to: '2026-03-08T12:00:00.000Z', bucket: '5m' });
    expect(metricsWindow('7d', now)).toMatchObject({ from: '2026-03-01T12:00:00.000Z', bucket: '1d' });
    expect(metricsWindow('30d', now).bucket).toBe('1d');
    expect(parseMetricsRange('30d')).toBe('30d');
    expect(parseMetricsRange('2y')).toBe('24h');
    expect(parseMetricsRange(null)).toBe('24h');
  });

  it('keeps a small utilisation readable on the axis instead of rounding every tick to 0%', () => {
    expect(formatPercentTick(0.00025)).toBe('0.025%');
    expect(formatPercentTick(0)).toBe('0%');
    expect(formatPercentTick(0.5)).toBe('50%');
  });
});
