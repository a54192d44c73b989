import type { AgentStateChange } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../../test/agent-fixture';
import { mockApi } from '../../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../../test/mock-fetch';
import { renderApp } from '../../../../test/render-app';
import { page } from '../../test/task-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent();

const change = (overrides: Partial<AgentStateChange> = {}): AgentStateChange => ({
  id: '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910',
  agentId: agent.id,
  fromState: 'active',
  toState: 'paused',
  reason: 'Provider maintenance',
  actorType: 'user',
  actorId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  actorLabel: 'Ada Lovelace',
  drainDeadline: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

/** Serves the agent (its current state kept between requests) and its state history. */
function serve(history: AgentStateChange[] = []) {
  let current = agent;
  return (request: RecordedRequest) => {
    const path = request.url.pathname;
    if (path === `/api/v1/agents/${agent.id}/admin-state` && request.method === 'PUT') {
      const body = request.body as { adminState: typeof agent.adminState };
      current = { ...current, adminState: body.adminState };
      return json(current);
    }
    if (path === `/api/v1/agents/${agent.id}/state-history`) return json(page(history));
    if (path === `/api/v1/agents/${agent.id}`) return json(current);
    if (path === '/api/v1/agents') return json(page([current]));
    return json(page([]));
  };
}

describe('agent lifecycle controls', () => {
  it('offers Pause, Drain and Disable to a manager, and drains with a reason and a timeout', async () => {
    const { requests } = mockApi(serve());
    const { user } = renderApp(`/agents/${agent.id}`);

    const lifecycle = await screen.findByRole('heading', { name: 'Lifecycle' });
    const card = lifecycle.closest('section') ?? document.body;
    for (const name of ['Pause', 'Drain', 'Disable']) expect(within(card).getByRole('button', { name })).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Drain' }));
    const dialog = screen.getByRole('dialog', { name: `Drain ${agent.name}?` });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Deploying');
    await user.type(within(dialog).getByLabelText(/Timeout/), '120');
    await user.click(within(dialog).getByRole('button', { name: 'Drain agent' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.url.pathname).toBe(`/api/v1/agents/${agent.id}/admin-state`);
    expect(put?.body).toEqual({ adminState: 'draining', reason: 'Deploying', timeoutSeconds: 120 });
    // Now draining: it can be resumed or paused at once, not drained again.
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Drain' })).not.toBeInTheDocument();
  });

  it('pauses without a timeout field, and shows the refusal when the server says no', async () => {
    const { requests } = mockApi((request) =>
      request.method === 'PUT'
        ? problem({ title: 'Invalid request', code: 'validation_failed', detail: 'Reason is too long', errors: [] }, 400)
        : serve()(request),
    );
    const { user } = renderApp(`/agents/${agent.id}`);

    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    const dialog = screen.getByRole('dialog', { name: `Pause ${agent.name}?` });
    expect(within(dialog).queryByLabelText(/Timeout/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Pause agent' }));

    expect(await within(dialog).findByText('Reason is too long')).toBeInTheDocument();
    expect(requests.filter((request) => request.method === 'PUT').map((request) => request.body)).toEqual([
      { adminState: 'paused', reason: '' },
    ]);
  });

  it('hides the controls from a role without agents:manage', async () => {
    mockApi(serve(), { role: 'editor' });
    renderApp(`/agents/${agent.id}`);

    expect(await screen.findByText('Your role can view this agent but not pause, drain or disable it.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Disable' })).not.toBeInTheDocument();
  });
});

describe('agent state history', () => {
  it('lists each change with from → to, who, and why; the automatic pause of a drain says so', async () => {
    mockApi(
      serve([
        change({
          id: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
          fromState: 'draining',
          toState: 'paused',
          reason: 'Drained: nothing in flight',
          actorType: 'system',
          actorId: null,
          actorLabel: 'system',
          createdAt: '2026-03-01T10:00:00.000Z',
        }),
        change({ toState: 'draining' }),
      ]),
    );
    renderApp(`/agents/${agent.id}`);

    const list = await screen.findByRole('list', { name: 'State changes' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Draining → Paused');
    expect(items[0]).toHaveTextContent('Automatically');
    expect(items[0]).toHaveTextContent('Drained: nothing in flight');
    expect(items[1]).toHaveTextContent('Active → Draining');
    expect(items[1]).toHaveTextContent('By Ada Lovelace');
    expect(items[1]).toHaveTextContent('Provider maintenance');
    expect(screen.getByText('2 changes')).toBeInTheDocument();
  });

  it('says so when there are no changes', async () => {
    mockApi(serve());
    renderApp(`/agents/${agent.id}`);
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
  });
});

describe('agents list', () => {
  it('shows the admin state next to the observed state only when it is not active', async () => {
    const paused = makeAgent({ id: '44444444-4444-4444-8444-444444444444', name: 'Resting', adminState: 'disabled' });
    mockApi((request) => (request.url.pathname === '/api/v1/agents' ? json(page([agent, paused])) : json(page([]))));
    renderApp('/agents');

    const resting = await screen.findByRole('row', { name: /Resting/ });
    expect(within(resting).getByText('Disabled')).toBeInTheDocument();
    const active = screen.getByRole('row', { name: /Support triage/ });
    expect(within(active).queryByText('Active')).not.toBeInTheDocument();
  });
});
