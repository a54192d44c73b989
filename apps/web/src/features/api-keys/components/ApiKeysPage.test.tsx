import type { ApiKey } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { json, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { makeApiKey, makeRoleList } from '../../../test/security-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

const SECRET = 'af_AbCd1234_s3cr3t-value-shown-only-once';

function serveKeys(keys: { items: ApiKey[] }) {
  return (request: RecordedRequest) => {
    if (request.url.pathname === '/api/v1/roles') return json(makeRoleList());
    if (request.url.pathname === '/api/v1/api-keys' && request.method === 'POST') {
      const created = makeApiKey({
        name: (request.body as { name: string }).name,
        role: (request.body as { role: string }).role,
      });
      keys.items = [created];
      return json({ ...created, key: SECRET }, { status: 201 });
    }
    if (request.method === 'DELETE') {
      keys.items = keys.items.map((key) => ({ ...key, revokedAt: '2026-03-02T09:00:00.000Z' }));
      return new Response(null, { status: 204 });
    }
    return json(keys);
  };
}

describe('ApiKeysPage', () => {
  it('creates a key and shows the secret once, with a warning', async () => {
    const { requests } = mockApi(serveKeys({ items: [] }));
    const { user } = renderApp('/settings/api-keys');

    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Create a key' });
    await user.type(within(dialog).getByLabelText('Name'), 'GitHub Actions');
    await waitFor(() => expect(within(dialog).getByLabelText('Role')).toHaveValue('editor'));
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'operator');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const secret = await screen.findByLabelText('API key');
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute('readonly');
    expect(screen.getByText('Copy the key now — it is shown only once')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/api-keys')?.body).toEqual({
      name: 'GitHub Actions',
      role: 'operator',
    });

    // Escape does not throw the only copy of the key away; Done does, for good.
    await user.keyboard('{Escape}');
    expect(screen.getByLabelText('API key')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();

    const row = await screen.findByRole('row', { name: /GitHub Actions/ });
    expect(within(row).getByText('af_AbCd1234_…')).toBeInTheDocument();
    expect(within(row).getByText('Operator')).toBeInTheDocument();
    expect(within(row).getByText('Never used')).toBeInTheDocument();
  });

  it('sends an expiry date as the end of that day', async () => {
    const { requests } = mockApi(serveKeys({ items: [] }));
    const { user } = renderApp('/settings/api-keys');

    await user.click(await screen.findByRole('button', { name: 'Create API key' }));
    await user.type(screen.getByLabelText('Name'), 'Nightly');
    await user.type(screen.getByLabelText('Expires on'), '2099-12-31');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    await screen.findByLabelText('API key');
    const body = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/api-keys')?.body as {
      expiresAt: string;
    };
    expect(new Date(body.expiresAt).getTime()).toBe(new Date('2099-12-31T23:59:59').getTime());
  });

  it('offers an editor only roles within their own permissions', async () => {
    mockApi(serveKeys({ items: [] }), { role: 'editor' });
    const { user } = renderApp('/settings/api-keys');

    await user.click(await screen.findByRole('button', { name: 'Create API key' }));
    const role = screen.getByLabelText('Role');
    await waitFor(() => expect(role).toHaveValue('editor'));
    const options = within(role)
      .getAllByRole('option')
      .map((option) => option.getAttribute('value'));
    expect(options).toEqual(['editor', 'operator', 'viewer']);
  });

  it('revokes a key after confirmation and marks it revoked', async () => {
    const { requests } = mockApi(serveKeys({ items: [makeApiKey()] }));
    const { user } = renderApp('/settings/api-keys');

    const row = await screen.findByRole('row', { name: /CI deploy/ });
    expect(within(row).getByText('Active')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Revoke “CI deploy”?' })).getByRole('button', { name: 'Revoke key' }),
    );

    expect(await screen.findByText('Revoked')).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'DELETE')?.url.pathname).toBe(`/api/v1/api-keys/${makeApiKey().id}`);
    expect(
      within(screen.getByRole('row', { name: /CI deploy/ })).queryByRole('button', { name: 'Revoke' }),
    ).not.toBeInTheDocument();
  });
});
