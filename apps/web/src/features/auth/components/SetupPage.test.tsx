import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from '../../../test/auth-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const emptyPage = { items: [], nextCursor: null, total: 0 };

describe('first-run setup', () => {
  it('leads the first visitor of a fresh install to create the owner account, then into the app', async () => {
    const api = mockApi(
      (request) => {
        if (request.url.pathname === '/api/v1/auth/signup') {
          api.signIn();
          return json(makeSession({ accessToken: 'owner-token' }), { status: 201 });
        }
        return json(emptyPage);
      },
      { signedIn: false, setup: { needsSetup: true } },
    );
    const { user, router } = renderApp('/agents');

    expect(await screen.findByRole('heading', { name: 'Create the owner account' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/setup');

    await user.type(await screen.findByLabelText('Name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create owner account' }));

    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/agents');
    const signup = api.requests.find((request) => request.url.pathname === '/api/v1/auth/signup');
    expect(signup?.body).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery' });
    expect(screen.getByRole('button', { name: 'Ada Lovelace' })).toBeInTheDocument();
  });

  it('explains a too-short password beside the field without calling the server', async () => {
    const { requests } = mockApi(undefined, { signedIn: false, setup: { needsSetup: true } });
    const { user } = renderApp('/setup');

    await user.type(await screen.findByLabelText('Name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create owner account' }));

    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Passwords have at least 10 characters');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(requests.some((request) => request.url.pathname === '/api/v1/auth/signup')).toBe(false);
  });

  it('sends visitors of an installation that is already set up to sign in', async () => {
    mockApi(undefined, { signedIn: false });
    const { router } = renderApp('/setup');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(await screen.findByRole('heading', { name: 'Sign in to Agent Fleet' })).toBeInTheDocument();
  });

  it('reports when someone else created the owner first', async () => {
    mockApi(() => problem({ title: 'Sign-up is closed', code: 'signup_closed', detail: 'Sign-up is by invitation only' }, 403), {
      signedIn: false,
      setup: { needsSetup: true },
    });
    const { user } = renderApp('/setup');

    await user.type(await screen.findByLabelText('Name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create owner account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-up is by invitation only');
  });
});
