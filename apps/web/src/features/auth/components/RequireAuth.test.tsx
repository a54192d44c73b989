import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '../../../lib/auth-client';
import { preferences } from '../../../lib/storage';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const emptyPage = { items: [], nextCursor: null, total: 0 };

describe('session handling', () => {
  it('restores the session from the refresh cookie on start', async () => {
    const { requests } = mockApi(() => json(emptyPage));
    renderApp('/agents');

    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    const refresh = requests.find((request) => request.url.pathname === '/api/v1/auth/refresh');
    expect(refresh?.method).toBe('POST');
    const list = requests.find((request) => request.url.pathname === '/api/v1/agents');
    expect(list?.headers.get('authorization')).toBe('Bearer access-1');
    expect(list?.headers.get('x-workspace-id')).toBe('5d1c9a7e-3b2f-4e8d-a6c4-9f0e1b2d3c4a');
  });

  it('waits for a sign-in the previous page left in flight instead of showing the login form', async () => {
    document.cookie = `af_sign_in_pending=${Date.now()}; path=/`;
    const api = mockApi(() => json(emptyPage), { signedIn: false });
    const { router } = renderApp('/agents');

    const refreshes = () => api.requests.filter((request) => request.url.pathname === '/api/v1/auth/refresh');
    await waitFor(() => expect(refreshes()).toHaveLength(1));
    // The keepalive sign-in finishes on the server and its cookie lands.
    api.signIn();

    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/agents');
    expect(document.cookie).not.toContain('af_sign_in_pending');
  });

  it('signs out from the user menu', async () => {
    const { requests } = mockApi(() => json(emptyPage));
    const { user, router } = renderApp('/agents');

    await user.click(await screen.findByRole('button', { name: 'Ada Lovelace' }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Agent Fleet' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('');
    const logout = requests.find((request) => request.url.pathname === '/api/v1/auth/logout');
    expect(logout?.method).toBe('POST');
    expect(logout?.headers.get('authorization')).toBe('Bearer access-1');
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
  });

  it('brings a user whose session ended back to sign in, remembering where they were', async () => {
    // The session ends for the request the navigation makes: a request still on its way from the page
    // before (a refetch, on a loaded machine) would otherwise find it ended while the user is at /agents,
    // the home page, to which no `next` is needed.
    const api = mockApi((request) =>
      request.url.searchParams.get('q') === 'triage'
        ? problem({ title: 'Authentication required', code: 'unauthorized' }, 401)
        : json(emptyPage),
    );
    const { router } = renderApp('/agents');
    await screen.findByText('No agents yet');

    api.endSession();
    await router.navigate('/agents?q=triage');

    const notice = await screen.findByText('Your session has ended');
    expect(within(notice.closest('[role="status"]') as HTMLElement).getByText(/Sign in again/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/agents?q=triage');
  });

  it('does not try to refresh a session a signed-out browser never had (no 401 in the console)', async () => {
    const { requests } = mockApi(() => json(emptyPage), { signedIn: false });
    renderApp('/agents');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(requests.filter((request) => request.url.pathname === '/api/v1/auth/refresh')).toEqual([]);
  });

  it('shows the server as unreachable instead of a login when the session cannot be checked', async () => {
    // A browser that had signed in before.
    preferences.set(SESSION_HINT_KEY, '1');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    renderApp('/agents');
    expect(await screen.findByText('Cannot reach Agent Fleet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('offers a way forward to a user who belongs to no workspace', async () => {
    mockApi(() => json(emptyPage), { memberships: [] });
    renderApp('/agents');
    expect(await screen.findByText('You are not in any workspace')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create workspace' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument());
  });
});
