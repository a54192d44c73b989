import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMembership, WORKSPACE_ID } from '../../../test/auth-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const RESEARCH_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const memberships = [
  makeMembership('owner'),
  makeMembership('viewer', { workspaceId: RESEARCH_ID, workspaceName: 'Research lab', workspaceSlug: 'research' }),
];
const emptyPage = { items: [], nextCursor: null, total: 0 };
const agentLists = (requests: { url: URL; headers: Headers }[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/agents').map((request) => request.headers.get('x-workspace-id'));

describe('WorkspaceSwitcher', () => {
  it('switches the workspace requests act in, refetches and remembers the choice', async () => {
    const { requests } = mockApi(() => json(emptyPage), { memberships });
    const { user, queryClient } = renderApp('/agents');
    expect(await screen.findByRole('button', { name: 'New agent' })).toBeInTheDocument();
    // The button renders before the list query has sent its request.
    await waitFor(() => expect(agentLists(requests)).toEqual([WORKSPACE_ID]));

    await user.click(screen.getByRole('button', { name: /Workspace: Default workspace/ }));
    await user.click(screen.getByRole('button', { name: /Research lab/ }));

    await waitFor(() => expect(agentLists(requests)).toEqual([WORKSPACE_ID, RESEARCH_ID]));
    expect(await screen.findByRole('button', { name: /Workspace: Research lab/ })).toBeInTheDocument();
    // The viewer role of the new workspace applies at once.
    expect(screen.queryByRole('button', { name: 'New agent' })).not.toBeInTheDocument();
    expect(window.localStorage.getItem('agent-fleet:workspace')).toBe(RESEARCH_ID);
    expect(queryClient.getQueryCache().findAll({ queryKey: ['agents'] })).toHaveLength(1);
  });

  it('starts in the workspace chosen last time', async () => {
    window.localStorage.setItem('agent-fleet:workspace', RESEARCH_ID);
    const { requests } = mockApi(() => json(emptyPage), { memberships });
    renderApp('/agents');

    expect(await screen.findByRole('button', { name: /Workspace: Research lab/ })).toBeInTheDocument();
    await waitFor(() => expect(agentLists(requests)).toEqual([RESEARCH_ID]));
  });

  it('creates a workspace and switches to it', async () => {
    const created = { id: RESEARCH_ID, name: 'Research lab', slug: 'research', createdAt: '2026-02-01T00:00:00.000Z' };
    let me = [makeMembership('owner')];
    const api = mockApi(
      (request) => (request.url.pathname === '/api/v1/workspaces' ? json(created, { status: 201 }) : json(emptyPage)),
      {
        memberships: me,
      },
    );
    const { user } = renderApp('/agents');

    await user.click(await screen.findByRole('button', { name: /Workspace: Default workspace/ }));
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    await user.type(screen.getByLabelText('Workspace name'), 'Research lab');
    // The server now lists the new membership too.
    me = [...me, makeMembership('owner', { workspaceId: RESEARCH_ID, workspaceName: 'Research lab', workspaceSlug: 'research' })];
    api.me.memberships = me;
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByText('Workspace created')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /Workspace: Research lab/ })).toBeInTheDocument();
    expect(api.requests.find((request) => request.url.pathname === '/api/v1/workspaces')?.body).toEqual({ name: 'Research lab' });
  });

  it("shows the server's refusal of the name beside the field and keeps the dialog open", async () => {
    const refusal = {
      title: 'Invalid request',
      code: 'validation_failed',
      errors: [{ path: 'name', code: 'too_small', message: 'Name is required' }],
    };
    const api = mockApi((request) => (request.url.pathname === '/api/v1/workspaces' ? problem(refusal, 400) : json(emptyPage)));
    const { user } = renderApp('/agents');

    await user.click(await screen.findByRole('button', { name: /Workspace: Default workspace/ }));
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    await user.type(screen.getByLabelText('Workspace name'), '   ');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));

    const field = screen.getByLabelText('Workspace name');
    await waitFor(() => expect(field).toHaveAccessibleDescription('Name is required'));
    expect(field).toHaveFocus();
    expect(api.requests.find((request) => request.url.pathname === '/api/v1/workspaces')?.body).toEqual({ name: '   ' });
  });
});
