import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { mockApi } from '../../../test/mock-api';
import { json } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent();
const emptyPage = { items: [], nextCursor: null, total: 0 };
const serveOneAgent = (request: { url: URL }) => {
  const path = request.url.pathname;
  if (path === '/api/v1/agents') return json({ items: [agent], nextCursor: null, total: 1 });
  return path === `/api/v1/agents/${agent.id}` ? json(agent) : json(emptyPage);
};

describe('agents for a viewer', () => {
  it('lists agents without New agent, Edit or Delete', async () => {
    mockApi(serveOneAgent, { role: 'viewer' });
    renderApp('/agents');

    const row = await screen.findByRole('row', { name: /Support triage/ });
    expect(within(row).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New agent' })).not.toBeInTheDocument();
    // Reading conversations needs only agents:read.
    expect(within(row).getByRole('link', { name: 'Chat' })).toHaveAttribute('href', `/agents/${agent.id}/chat`);
  });

  it('does not invite a viewer to create the first agent', async () => {
    mockApi(() => json({ items: [], nextCursor: null, total: 0 }), { role: 'viewer' });
    renderApp('/agents');

    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create your first agent' })).not.toBeInTheDocument();
  });

  it('shows an agent read-only: no Edit, Delete or lifecycle controls', async () => {
    mockApi(serveOneAgent, { role: 'viewer' });
    renderApp(`/agents/${agent.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Support triage' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();
    expect(screen.getByText('Your role can view this agent but not pause, drain or disable it.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Chat' })).toBeInTheDocument();
  });

  it('explains instead of showing the editor', async () => {
    const { requests } = mockApi(serveOneAgent, { role: 'viewer' });
    renderApp(`/agents/${agent.id}/edit`);

    expect(await screen.findByText("You don't have access")).toBeInTheDocument();
    expect(screen.getByText(/Your role \(viewer\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(requests.some((request) => request.method === 'PATCH')).toBe(false);
  });
});

describe('agents for an editor', () => {
  it('offers New agent, Edit and Delete', async () => {
    mockApi(serveOneAgent, { role: 'editor' });
    renderApp('/agents');

    const row = await screen.findByRole('row', { name: /Support triage/ });
    expect(within(row).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New agent' })).toBeInTheDocument();
  });
});
