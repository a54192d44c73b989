import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../test/mock-api';
import { json } from '../test/mock-fetch';
import { renderApp } from '../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const emptyPage = { items: [], nextCursor: null, total: 0 };
const mainLinks = async () =>
  within(within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('list'))
    .getAllByRole('link')
    .map((link) => link.textContent);
const breadcrumb = () => screen.getByRole('navigation', { name: 'Breadcrumb' });

describe('main navigation', () => {
  it('offers Usage to roles that may read settings', async () => {
    mockApi(() => json(emptyPage), { role: 'editor' });
    renderApp('/agents');
    expect(await mainLinks()).toEqual([
      'Overview',
      'Agents',
      'Fleets',
      'Prompts',
      'Pipelines',
      'Runs',
      'Approvals',
      'Usage',
      'Settings',
    ]);
  });

  it('hides Usage from a viewer, who may not read settings', async () => {
    mockApi(() => json(emptyPage), { role: 'viewer' });
    renderApp('/agents');
    expect(await mainLinks()).toEqual(['Overview', 'Agents', 'Fleets', 'Prompts', 'Pipelines', 'Runs', 'Approvals', 'Settings']);
  });
});

describe('usage and providers routes', () => {
  it('guards /usage with settings:read and names it in the breadcrumb', async () => {
    mockApi(() => json(emptyPage), { role: 'viewer' });
    renderApp('/usage');
    expect(await screen.findByText("You don't have access")).toBeInTheDocument();
    expect(screen.getByText(/does not allow you to open usage/)).toBeInTheDocument();
    expect(breadcrumb()).toHaveTextContent('Usage');
  });

  it('opens the providers under settings, also from the short address', async () => {
    mockApi(() => json(emptyPage), { role: 'viewer' });
    const { router } = renderApp('/providers');
    await waitFor(() => expect(router.state.location.pathname).toBe('/settings/providers'));
    expect(await screen.findByText(/does not allow you to open the providers/)).toBeInTheDocument();
    expect(breadcrumb()).toHaveTextContent('SettingsProviders');
  });
});
