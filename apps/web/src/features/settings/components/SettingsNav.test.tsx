import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const settingsLinks = async () =>
  within(await screen.findByRole('navigation', { name: 'Settings' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('settings navigation', () => {
  it('shows an owner every section, the audit log included', async () => {
    mockApi(undefined, { role: 'owner' });
    renderApp('/settings');
    expect(await settingsLinks()).toEqual(['Profile', 'Password', 'API keys', 'Members', 'Roles', 'Providers', 'Audit log']);
  });

  it('shows an editor the providers, which settings:read allows', async () => {
    mockApi(undefined, { role: 'editor' });
    renderApp('/settings');
    expect(await settingsLinks()).toEqual(['Profile', 'Password', 'API keys', 'Members', 'Roles', 'Providers']);
  });

  it('hides the audit log, API keys and providers from a viewer', async () => {
    mockApi(undefined, { role: 'viewer' });
    renderApp('/settings');
    expect(await settingsLinks()).toEqual(['Profile', 'Password', 'Members', 'Roles']);
  });

  it('explains a section the role may not open', async () => {
    const { requests } = mockApi(undefined, { role: 'editor' });
    renderApp('/settings/audit-log');
    expect(await screen.findByText("You don't have access")).toBeInTheDocument();
    expect(requests.some((request) => request.url.pathname === '/api/v1/audit-events')).toBe(false);
  });
});
