import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { makeSession } from '../../../test/auth-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent();

describe('LoginPage', () => {
  it('sends a signed-out visitor to sign in, then back to the page they asked for', async () => {
    const api = mockApi(
      (request) => {
        if (request.url.pathname === '/api/v1/auth/login') {
          api.signIn();
          return json(makeSession({ accessToken: 'from-login' }));
        }
        return json(agent);
      },
      { signedIn: false },
    );
    const { user, router } = renderApp(`/agents/${agent.id}`);

    expect(await screen.findByRole('heading', { name: 'Sign in to Agent Fleet' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent(`/agents/${agent.id}`)}`);

    await user.type(await screen.findByLabelText('Email'), 'Ada@Example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Support triage' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/agents/${agent.id}`);
    const login = api.requests.find((request) => request.url.pathname === '/api/v1/auth/login');
    expect(login?.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(login?.headers.has('authorization')).toBe(false);
    const agentRequest = api.requests.find((request) => request.url.pathname === `/api/v1/agents/${agent.id}`);
    expect(agentRequest?.headers.get('authorization')).toBe('Bearer from-login');
  });

  it('says when the email or password is wrong, and clears the password', async () => {
    const { requests } = mockApi(() => problem({ title: 'Invalid email or password', code: 'invalid_credentials' }, 401), {
      signedIn: false,
    });
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Wrong email or password');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(router.state.location.pathname).toBe('/login');
    // A failed login is not an expired session: no refresh is attempted for it (nor on the signed-out
    // page load before it).
    expect(requests.filter((request) => request.url.pathname === '/api/v1/auth/refresh')).toHaveLength(0);
  });

  it('tells a rate-limited user how long to wait', async () => {
    mockApi(
      () =>
        problem(
          { title: 'Too many attempts', code: 'rate_limited', detail: 'Too many login attempts; try again in 840 seconds' },
          429,
          { 'retry-after': '840' },
        ),
      { signedIn: false },
    );
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'guess number six');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many sign-in attempts');
    expect(alert).toHaveTextContent('Try again in 14 minutes.');
  });

  it('checks the fields before asking the server', async () => {
    const { requests } = mockApi(undefined, { signedIn: false });
    const { user } = renderApp('/login');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Password is required');
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveFocus());
    expect(requests.some((request) => request.url.pathname === '/api/v1/auth/login')).toBe(false);
  });

  it('sends someone who is already signed in on to the app', async () => {
    mockApi(() => json({ items: [], nextCursor: null, total: 0 }));
    const { router } = renderApp('/login');
    await waitFor(() => expect(router.state.location.pathname).toBe('/agents'));
    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
  });
});
