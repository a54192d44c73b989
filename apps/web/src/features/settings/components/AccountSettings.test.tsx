import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeUser } from '../../../test/auth-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const passwordRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/me/password');

describe('Profile', () => {
  it('saves a new name and shows it in the user menu', async () => {
    const api = mockApi((request) => {
      if (request.method !== 'PATCH') return json({});
      const name = (request.body as { name: string }).name;
      api.me.user = makeUser({ name });
      return json(api.me.user);
    });
    const { user } = renderApp('/settings/profile');

    const name = await screen.findByLabelText('Name');
    expect(screen.getByRole('button', { name: 'Save profile' })).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'Ada King');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profile saved')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'PATCH')?.body).toEqual({ name: 'Ada King' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Ada King' })).toBeInTheDocument());
  });
});

describe('Password', () => {
  it('shows the server’s verdict on the current password beside that field', async () => {
    const { requests } = mockApi(() =>
      problem(
        {
          title: 'Invalid request',
          code: 'validation_failed',
          detail: 'The current password is incorrect',
          errors: [{ path: 'currentPassword', message: 'The current password is incorrect', code: 'incorrect' }],
        },
        400,
      ),
    );
    const { user } = renderApp('/settings/password');

    await user.type(await screen.findByLabelText('Current password'), 'not my password');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('The current password is incorrect'),
    );
    expect(screen.getByLabelText('Current password')).toHaveFocus();
    expect(passwordRequests(requests)[0]?.body).toEqual({
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
  });

  it('checks the new password length before sending', async () => {
    const { requests } = mockApi();
    const { user } = renderApp('/settings/password');

    await user.type(await screen.findByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription('Passwords have at least 10 characters');
    expect(passwordRequests(requests)).toHaveLength(0);
  });

  it('confirms the change and clears the fields', async () => {
    mockApi(() => new Response(null, { status: 204 }));
    const { user } = renderApp('/settings/password');

    await user.type(await screen.findByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Password changed')).toBeInTheDocument();
    expect(screen.getByText(/Your other sessions have been signed out/)).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(screen.getByLabelText('New password')).toHaveValue('');
  });
});
