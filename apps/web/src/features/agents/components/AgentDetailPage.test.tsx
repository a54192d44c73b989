import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { page } from '../test/task-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent({
  observedState: 'busy',
  model: { provider: 'openai', model: 'gpt-x', temperature: 0.2, fallbacks: [{ provider: 'mock', model: 'mock-1' }] },
  limits: { maxIterations: 12, maxCostPerTaskUsd: 0.5 },
  metadata: { team: 'support' },
});

describe('AgentDetailPage', () => {
  it('shows the agent with its observed state, model, limits, metadata and version', async () => {
    mockApi((request) => (request.url.pathname === `/api/v1/agents/${agent.id}` ? json(agent) : json(page([]))));
    renderApp(`/agents/${agent.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Support triage' })).toBeInTheDocument();
    expect(screen.getAllByText('Busy').length).toBeGreaterThan(0);
    expect(screen.getByText('gpt-x')).toBeInTheDocument();
    expect(screen.getByText('0.2')).toBeInTheDocument();
    expect(screen.getByText('$0.50')).toBeInTheDocument();
    expect(screen.getByText('v3')).toBeInTheDocument();
    expect(screen.getByText(/"team": "support"/)).toBeInTheDocument();
    // One key, said in the singular.
    expect(screen.getByText('1 top-level key')).toBeInTheDocument();
    expect(screen.getByText('You triage support tickets.')).toBeInTheDocument();
    // The crumb is its own lazily loaded part of the layout: it shows the name once it has rendered.
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('Support triage'));
    expect(screen.getByRole('link', { name: 'Chat' })).toHaveAttribute('href', `/agents/${agent.id}/chat`);
  });

  it('names the agents it may ask, linked, and marks a deleted one', async () => {
    const researcher = makeAgent({ id: '11111111-1111-4111-8111-111111111111', name: 'Researcher' });
    const goneId = '33333333-3333-4333-8333-333333333333';
    const asking = { ...agent, tools: [`agent:${researcher.id}`, `agent:${goneId}`] };
    mockApi((request) => {
      const path = request.url.pathname;
      if (path === `/api/v1/agents/${agent.id}`) return json(asking);
      if (path === '/api/v1/agents') return json(page([asking, researcher]));
      if (path === `/api/v1/agents/${goneId}`) return problem({ title: 'Not found', code: 'not_found' }, 404);
      return json(page([]));
    });
    renderApp(`/agents/${agent.id}`);

    const tools = await screen.findByRole('list', { name: 'Tools' });
    expect(await within(tools).findByRole('link', { name: 'Researcher' })).toHaveAttribute('href', `/agents/${researcher.id}`);
    expect(await within(tools).findByText('Deleted agent')).toBeInTheDocument();
  });

  it('deletes after confirmation and returns to the list', async () => {
    const { requests } = mockApi((request) => {
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      if (request.url.pathname === `/api/v1/agents/${agent.id}`) return json(agent);
      return json({ items: [], nextCursor: null, total: 0 });
    });
    const { user, router } = renderApp(`/agents/${agent.id}`);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog');
    // The page behind the modal is hidden from assistive tech while it is open.
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete agent' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/agents'));
    expect(requests.some((request) => request.method === 'DELETE')).toBe(true);
  });

  it('keeps the agent when the deletion is cancelled', async () => {
    const { requests } = mockApi((request) =>
      request.url.pathname === `/api/v1/agents/${agent.id}` ? json(agent) : json(page([])),
    );
    const { user } = renderApp(`/agents/${agent.id}`);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus();
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);
  });
});
