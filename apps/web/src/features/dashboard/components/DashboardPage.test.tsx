import type { Dashboard } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { AGENT_ID, busyDashboard, emptyDashboard, RUN_ID, TASK_ID } from '../test/fixtures';

const NOW = new Date('2026-03-10T12:00:00.000Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function serve(dashboard: (range: string) => Dashboard) {
  return (request: RecordedRequest): Response => {
    if (request.url.pathname === '/api/v1/dashboard') return json(dashboard(request.url.searchParams.get('range') ?? ''));
    return json({ items: [], nextCursor: null, total: 0 });
  };
}

const dashboardRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/dashboard');

describe('DashboardPage', () => {
  it('is the app’s home page, first in the navigation', async () => {
    mockApi(serve(() => busyDashboard()));
    const { router } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0];
    if (!nav) throw new Error('no main navigation');
    const links = within(nav).getAllByRole('link');
    expect(links[0]).toHaveTextContent('Overview');
    expect(links[0]).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Agents' })).not.toHaveAttribute('aria-current');
  });

  it('welcomes a new workspace with an empty state instead of zeros', async () => {
    mockApi(serve(() => emptyDashboard()));
    renderApp('/');
    expect(await screen.findByText('Nothing to show yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create an agent' })).toBeInTheDocument();
    // The server's own health shows even before anything happened.
    const server = screen.getByRole('region', { name: 'Server' });
    expect(server).toHaveTextContent('1.2.3');
    expect(server).toHaveTextContent('1 h 1 min');
    expect(server).toHaveTextContent('PGlite (embedded)');
    expect(screen.queryByRole('list', { name: 'Activity' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Key figures')).not.toBeInTheDocument();
  });

  it('shows the state, the key figures against the previous period, spend, failures and activity with links', async () => {
    mockApi(serve(() => busyDashboard()));
    renderApp('/');
    const figures = await screen.findByLabelText('Key figures');
    const card = (label: string) => {
      const term = within(figures).getByText(label);
      const box = term.closest('div');
      if (!box) throw new Error(`no card ${label}`);
      return box;
    };
    expect(card('Tasks')).toHaveTextContent('12');
    expect(card('Tasks')).toHaveTextContent('+100% vs the 24 hours before');
    expect(card('Success rate')).toHaveTextContent('84.6%');
    expect(card('Success rate')).toHaveTextContent('-15% vs the 24 hours before');
    expect(card('Pipeline runs')).toHaveTextContent('new vs the 24 hours before');
    expect(card('Task latency p50')).toHaveTextContent('850 ms');
    expect(card('Task latency p50')).toHaveTextContent('p95 2.4 s');
    expect(card('Cost')).toHaveTextContent('$1.50');
    expect(card('Cost')).toHaveTextContent('+50% vs the 24 hours before');

    expect(screen.getByRole('region', { name: 'Agents' })).toHaveTextContent('1 busy');
    expect(screen.getByRole('region', { name: 'Agents' })).toHaveTextContent('1 paused');
    const runs = screen.getByRole('region', { name: 'Pipeline runs' });
    expect(within(runs).getByRole('link', { name: '1 awaiting approval' })).toHaveAttribute('href', '/approvals');
    expect(screen.getByRole('region', { name: 'Fleet queues' })).toHaveTextContent('3 queued');
    expect(screen.getByRole('region', { name: 'Providers' })).toHaveTextContent('failing');

    expect(screen.getByRole('table', { name: 'Top spenders' })).toHaveTextContent('Triage');
    const failures = screen.getByRole('list', { name: 'Recent failures' });
    expect(within(failures).getByRole('link', { name: 'Pipeline run · nightly-report' })).toHaveAttribute(
      'href',
      `/runs/${RUN_ID}`,
    );
    expect(failures).toHaveTextContent('step_failed');
    const activity = screen.getByRole('list', { name: 'Activity' });
    expect(within(activity).getByRole('link', { name: /Task finished.*Triage/ })).toHaveAttribute(
      'href',
      `/agents/${AGENT_ID}/tasks/${TASK_ID}`,
    );
    expect(within(activity).getByRole('link', { name: /Limit tripped.*Triage/ })).toHaveAttribute('href', `/agents/${AGENT_ID}`);
    expect(screen.getByRole('table', { name: 'Cost over time' })).toBeInTheDocument();
  });

  it('keeps the range in the URL and asks the server for it', async () => {
    const api = mockApi(serve((range) => ({ ...busyDashboard(), range: range as Dashboard['range'] })));
    const { user, router } = renderApp('/?range=7d');
    await screen.findByLabelText('Key figures');
    expect(dashboardRequests(api.requests).at(-1)?.url.searchParams.get('range')).toBe('7d');
    expect(screen.getByRole('button', { name: '7 d' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: '1 h' }));
    await waitFor(() => expect(router.state.location.search).toBe('?range=1h'));
    await waitFor(() => expect(dashboardRequests(api.requests).at(-1)?.url.searchParams.get('range')).toBe('1h'));
    await user.click(screen.getByRole('button', { name: '24 h' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('falls back to the default range for one it does not know', async () => {
    const api = mockApi(serve(() => busyDashboard()));
    renderApp('/?range=2y');
    await screen.findByLabelText('Key figures');
    expect(dashboardRequests(api.requests).every((request) => request.url.searchParams.get('range') === '24h')).toBe(true);
  });

  it('says so when the overview cannot load, and retries', async () => {
    let fail = true;
    mockApi((request) => {
      if (request.url.pathname !== '/api/v1/dashboard') return json({});
      return fail ? problem({ title: 'Internal error', code: 'internal' }, 500) : json(busyDashboard());
    });
    const { user } = renderApp('/');
    expect(await screen.findByText('Could not load the overview')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Key figures')).toBeInTheDocument();
  });
});
