import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from '../../../test/auth-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const emptyPage = { items: [], nextCursor: null, total: 0 };

describe('SignupPage', () => {
  it('signs an invitee up with the token from the link and opens the app', async () => {
    const api = mockApi(
      (request) => {
        if (request.url.pathname === '/api/v1/auth/signup') {
          api.signIn();
          return json(makeSession(), { status: 201 });
        }
        return json(emptyPage);
      },
      { signedIn: false },
    );
    const { user, router } = renderApp('/signup?invite=invite-token-123');

    expect(await screen.findByRole('heading', { name: 'Accept your invitation' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'Bob Builder');
    await user.type(screen.getByLabelText('Email'), 'bob@example.com');
    await user.type(screen.getByLabelText('Password'), 'bob password 123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/agents');
    expect(api.requests.find((request) => request.url.pathname === '/api/v1/auth/signup')?.body).toEqual({
      name: 'Bob Builder',
      email: 'bob@example.com',
      password: 'bob password 123',
      inviteToken: 'invite-token-123',
    });
  });

  it('starts with the email an invitation is bound to', async () => {
    mockApi(() => json(emptyPage), { signedIn: false });
    renderApp('/signup?invite=invite-token-123&email=carol%40example.com');

    expect(await screen.findByRole('heading', { name: 'Accept your invitation' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('carol@example.com');
  });

  it('puts a registered email beside the email field', async () => {
    mockApi(() => problem({ title: 'Email already registered', code: 'email_taken' }, 409), { signedIn: false });
    const { user } = renderApp('/signup?invite=invite-token-123');

    await user.type(await screen.findByLabelText('Name'), 'Bob');
    await user.type(screen.getByLabelText('Email'), 'bob@example.com');
    await user.type(screen.getByLabelText('Password'), 'bob password 123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('An account with this email already exists')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says so when the invitation cannot be used', async () => {
    mockApi(
      () =>
        problem(
          {
            title: 'Invalid invitation',
            code: 'invitation_invalid',
            detail: 'The invitation is invalid, expired, or already used.',
          },
          400,
        ),
      { signedIn: false },
    );
    const { user } = renderApp('/signup?invite=used-token-123');

    await user.type(await screen.findByLabelText('Name'), 'Bob');
    await user.type(screen.getByLabelText('Email'), 'bob@example.com');
    await user.type(screen.getByLabelText('Password'), 'bob password 123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This invitation cannot be used');
    expect(alert).toHaveTextContent('Ask for a new invitation link.');
  });

  it('lets a signed-in user accept the invitation with their account', async () => {
    const { requests } = mockApi((request) =>
      request.url.pathname === '/api/v1/invitations/accept'
        ? json({
            id: '5d1c9a7e-3b2f-4e8d-a6c4-9f0e1b2d3c4a',
            name: 'Default workspace',
            slug: 'default',
            createdAt: '2026-01-01T00:00:00Z',
          })
        : json(emptyPage),
    );
    const { user, router } = renderApp('/signup?invite=invite-token-123');

    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('Invitation accepted')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/agents');
    expect(requests.find((request) => request.url.pathname === '/api/v1/invitations/accept')?.body).toEqual({
      token: 'invite-token-123',
    });
  });

  it('explains that sign-up is by invitation when it is closed', async () => {
    mockApi(undefined, { signedIn: false });
    renderApp('/signup');
    expect(await screen.findByRole('heading', { name: 'Sign-up is by invitation' })).toBeInTheDocument();
  });
});
