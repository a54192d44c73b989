import type { FleetMetrics, MetricsFigures } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { FLEET_ID, makeFleetDetail, makeMember } from '../../test/fleet-fixtures';
import { renderFleets, serveFleets } from '../../test/render-fleets';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ADA = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b2';
const MEMBERS = [
  makeMember({ agentId: ADA, agentName: 'Ada', maxConcurrent: 3, inFlight: 2, observedState: 'busy' }),
  makeMember({ agentId: BOB, agentName: 'Bob', adminState: 'draining', observedState: 'idle' }),
];
const figures = (utilisation: number): MetricsFigures => ({
  tasks: { submitted: 4, succeeded: 3, failed: 1, cancelled: 0 },
  utilisation,
  successRate: 0.75,
  errorRate: 0.25,
  latencyMs: { p50: 1200, p95: 3000 },
  usage: { calls: 4, inputTokens: 100, outputTokens: 40, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0.01 },
  limitTrips: {},
});
const METRICS: FleetMetrics = {
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-02T00:00:00.000Z',
  bucket: '1h',
  totals: figures(0.4),
  queue: { depth: 0, oldestAgeMs: 0 },
  routing: [{ strategy: 'least_loaded', decisions: 4, decisionMsP50: 0.2 }],
  members: [
    { ...figures(0.5), agentId: ADA },
    { ...figures(0.25), agentId: BOB },
  ],
  series: [],
};

function serve() {
  return serveFleets((request) =>
    request.url.pathname.endsWith('/metrics') ? json(METRICS) : json(makeFleetDetail({}, MEMBERS)),
  );
}

describe('FleetPage live members and monitoring', () => {
  it('shows each member’s observed and admin state, its slots in use and its utilisation', async () => {
    serve();
    renderFleets(`/fleets/${FLEET_ID}`);
    const table = await screen.findByRole('table', { name: 'Members' });
    const ada = within(table).getByRole('row', { name: /^Ada/ });
    expect(within(ada).getByText('Busy')).toBeInTheDocument();
    expect(within(ada).getByLabelText('2 of 3 slots in use')).toHaveTextContent('2 / 3');
    expect(await within(ada).findByText('50%')).toBeInTheDocument();
    const bob = within(table).getByRole('row', { name: /^Bob/ });
    expect(within(bob).getByText('Draining')).toBeInTheDocument();
    expect(within(bob).getByText('25%')).toBeInTheDocument();
  });

  it('charts the figures on the Monitoring tab and asks for another range when one is picked', async () => {
    const { requests } = serve();
    const { user } = renderFleets(`/fleets/${FLEET_ID}?tab=monitoring`);
    expect(await screen.findByRole('table', { name: 'Routing decisions by strategy' })).toBeInTheDocument();
    expect(screen.getByText('75%')).toBeInTheDocument();
    const metricsCalls = () => requests.filter((request) => request.url.pathname === `/api/v1/fleets/${FLEET_ID}/metrics`);
    expect(metricsCalls().at(-1)?.url.searchParams.get('bucket')).toBe('1h');
    await user.click(screen.getByRole('button', { name: '7d' }));
    await waitFor(() => expect(metricsCalls().at(-1)?.url.searchParams.get('bucket')).toBe('1d'));
    const last = metricsCalls().at(-1)?.url.searchParams;
    expect(Date.parse(last?.get('to') ?? '') - Date.parse(last?.get('from') ?? '')).toBe(7 * 86_400_000);
    expect(screen.getByRole('button', { name: '7d' })).toHaveAttribute('aria-pressed', 'true');
  });
});
