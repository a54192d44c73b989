import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent();
const agentPath = `/api/v1/agents/${agent.id}`;

describe('AgentEditPage', () => {
  it('sends only the changed fields with If-Match and opens the saved agent', async () => {
    const { requests } = mockApi((request) => {
      if (request.method === 'PATCH') return json({ ...agent, role: 'lead', version: 4 }, { headers: { etag: '"4"' } });
      if (request.url.pathname === agentPath) return json(agent, { headers: { etag: '"3"' } });
      return json({ items: [], nextCursor: null, total: 0 });
    });
    const { user, router } = renderApp(`/agents/${agent.id}/edit`);

    const role = await screen.findByLabelText('Role');
    expect(screen.getByLabelText('Name')).toHaveValue('Support triage');
    await user.clear(role);
    await user.type(role, 'lead');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/agents/${agent.id}`));
    const patch = requests.find((request) => request.method === 'PATCH');
    expect(patch?.url.pathname).toBe(agentPath);
    expect(patch?.headers.get('if-match')).toBe('"3"');
    expect(patch?.body).toEqual({ role: 'lead' });
    expect(await screen.findByText('Changes saved')).toBeInTheDocument();
  });

  it('explains a 412 and reloads the latest version into the form', async () => {
    let current = agent;
    mockApi((request) => {
      if (request.method === 'PATCH') {
        current = { ...agent, name: 'Renamed elsewhere', version: 4 };
        return problem({ title: 'Precondition failed', code: 'precondition_failed' }, 412);
      }
      if (request.url.pathname === agentPath) return json(current);
      return json({ status: 'ok' });
    });
    const { user, router } = renderApp(`/agents/${agent.id}/edit`);

    const role = await screen.findByLabelText('Role');
    await user.clear(role);
    await user.type(role, 'lead');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('This agent was changed by someone else — reload')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/agents/${agent.id}/edit`);
    await user.click(screen.getByRole('button', { name: 'Reload' }));

    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('Renamed elsewhere'));
    expect(screen.getByLabelText('Role')).toHaveValue('triager');
    expect(screen.queryByText('This agent was changed by someone else — reload')).not.toBeInTheDocument();
  });

  it('asks before discarding unsaved edits', async () => {
    mockApi((request) => (request.url.pathname === agentPath ? json(agent) : json({ items: [], nextCursor: null, total: 0 })));
    const { user, router } = renderApp(`/agents/${agent.id}/edit`);

    await user.type(await screen.findByLabelText('Description'), ' Also escalates.');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(router.state.location.pathname).toBe(`/agents/${agent.id}/edit`);
    expect(screen.getByLabelText('Description')).toHaveValue('Sorts incoming tickets by urgency. Also escalates.');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/agents/${agent.id}`));
  });

  it('shows a not-found state for an unknown agent', async () => {
    mockApi((request) =>
      request.url.pathname === '/readyz' ? json({}) : problem({ title: 'Agent not found', code: 'not_found' }, 404),
    );
    renderApp('/agents/00000000-0000-4000-8000-000000000000/edit');
    expect(await screen.findByText('Agent not found')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back to agents' })).toBeInTheDocument();
  });
});
