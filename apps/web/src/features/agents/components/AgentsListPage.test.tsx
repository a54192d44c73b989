import type { Agent, Page } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const page = (items: Agent[], overrides: Partial<Page<Agent>> = {}): Page<Agent> => ({
  items,
  nextCursor: null,
  total: items.length,
  ...overrides,
});

/** Serves /readyz and hands agent list requests to `list`. */
function serveAgents(list: (request: RecordedRequest) => Response) {
  return mockApi((request) => {
    if (request.url.pathname === '/readyz') return json({ status: 'ok' });
    return list(request);
  });
}

const listRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.method === 'GET' && request.url.pathname === '/api/v1/agents');

describe('AgentsListPage', () => {
  it('invites creating the first agent when there are none', async () => {
    serveAgents(() => json(page([])));
    const { user, router } = renderApp('/agents');

    const cta = await screen.findByRole('button', { name: 'Create your first agent' });
    expect(screen.getByText('No agents yet')).toBeInTheDocument();
    await user.click(cta);
    // The editor is its own chunk: the router moves once it has loaded.
    await waitFor(() => expect(router.state.location.pathname).toBe('/agents/new'));
  });

  it('shows a distinct no-matches state when filters are active, and clears them', async () => {
    const { requests } = serveAgents((request) => json(request.url.searchParams.has('q') ? page([]) : page([makeAgent()])));
    const { user, router } = renderApp('/agents?q=zzz&observedState=busy&adminState=paused');

    expect(await screen.findByText('No agents match your filters')).toBeInTheDocument();
    expect(screen.queryByText('No agents yet')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Search agents')).toHaveValue('zzz');
    expect(screen.getByLabelText('Observed state')).toHaveValue('busy');
    expect(screen.getByLabelText('Admin state')).toHaveValue('paused');
    const firstRequest = listRequests(requests)[0];
    expect(firstRequest?.url.searchParams.get('q')).toBe('zzz');
    expect(firstRequest?.url.searchParams.get('observedState')).toBe('busy');
    expect(firstRequest?.url.searchParams.get('adminState')).toBe('paused');
    expect(firstRequest?.url.searchParams.has('status')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'Support triage' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('renders agents in a table with their observed and admin states, skills and model', async () => {
    serveAgents(() =>
      json(
        page([
          makeAgent({
            observedState: 'busy',
            adminState: 'paused',
            skills: ['a', 'b', 'c', 'd'],
            model: { provider: 'openai', model: 'gpt-x', fallbacks: [] },
          }),
        ]),
      ),
    );
    renderApp('/agents');

    const table = await screen.findByRole('table', { name: 'Agents' });
    const row = within(table).getByRole('row', { name: /Support triage/ });
    expect(within(row).getByText('Busy')).toBeInTheDocument();
    expect(within(row).getByText('Paused')).toBeInTheDocument();
    expect(within(row).getByText('triager')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'a' })).toBeInTheDocument();
    expect(within(row).getByText('+1')).toBeInTheDocument();
    expect(row).toHaveTextContent('openai/gpt-x');
    expect(screen.getByText('1–1 of 1')).toBeInTheDocument();
  });

  it('debounces the search box into the q parameter', async () => {
    const { requests } = serveAgents(() => json(page([makeAgent()])));
    const { user, router } = renderApp('/agents');
    await screen.findByRole('table', { name: 'Agents' });

    await user.type(screen.getByLabelText('Search agents'), 'triage');
    await waitFor(() => expect(router.state.location.search).toBe('?q=triage'));
    await waitFor(() => expect(listRequests(requests).at(-1)?.url.searchParams.get('q')).toBe('triage'));
    // One request for the initial page and one for the finished word, not one per keystroke.
    expect(listRequests(requests)).toHaveLength(2);
  });

  it('pages forward with the cursor and back with the remembered one', async () => {
    const agentNumbered = (n: number) =>
      makeAgent({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Agent ${n}` });
    const first = Array.from({ length: 10 }, (_, index) => agentNumbered(index + 1));
    const second = [agentNumbered(11)];
    serveAgents((request) =>
      request.url.searchParams.get('cursor') === 'c2'
        ? json(page(second, { total: 11 }))
        : json(page(first, { total: 11, nextCursor: 'c2' })),
    );
    const { user, router } = renderApp('/agents?limit=10');

    expect(await screen.findByText('1–10 of 11')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'Agent 11' })).toBeInTheDocument();
    expect(screen.getByText('11–11 of 11')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?limit=10&cursor=c2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('link', { name: 'Agent 1' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?limit=10');
  });

  it('offers a retry when loading fails', async () => {
    let fail = true;
    serveAgents(() =>
      fail
        ? new Response(JSON.stringify({ title: 'Internal error', status: 500, code: 'internal_error', requestId: 'r-9' }), {
            status: 500,
            headers: { 'content-type': 'application/problem+json' },
          })
        : json(page([makeAgent()])),
    );
    const { user } = renderApp('/agents');

    expect(await screen.findByText('Could not load agents')).toBeInTheDocument();
    expect(screen.getByText(/r-9/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Support triage' })).toBeInTheDocument();
  });

  it('deletes an agent from its row after confirmation', async () => {
    let agents = [makeAgent()];
    const { requests } = serveAgents((request) => {
      if (request.method === 'DELETE') {
        agents = [];
        return new Response(null, { status: 204 });
      }
      return json(page(agents));
    });
    const { user } = renderApp('/agents');

    const row = await screen.findByRole('row', { name: /Support triage/ });
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Delete “Support triage”?');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Delete agent' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((request) => request.method === 'DELETE')?.url.pathname).toBe(`/api/v1/agents/${makeAgent().id}`);
    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(screen.getByText('Agent deleted')).toBeInTheDocument();
  });
});
