import type { Role } from '@agent-fleet/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { makeRoleList } from '../../../test/security-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

const releaseManager: Role = {
  id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  name: 'release-manager',
  description: 'Ships agents',
  permissions: ['agents:read', 'agents:execute'],
  builtIn: false,
  memberCount: 0,
};

const cell = (table: HTMLElement, resource: string, column: number) =>
  within(table)
    .getByRole('row', { name: new RegExp(`^${resource}`) })
    .querySelectorAll('td')[column];

describe('RolesPage', () => {
  it('shows the permission matrix of the chosen role', async () => {
    mockApi(() => json(makeRoleList()));
    const { user } = renderApp('/settings/roles');

    expect(await screen.findByRole('table', { name: 'Permissions of owner' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Viewer/ }));

    const table = screen.getByRole('table', { name: 'Permissions of viewer' });
    expect(cell(table, 'Agents', 0)).toHaveTextContent('Allowed');
    expect(cell(table, 'Agents', 1)).toHaveTextContent('Not allowed');
    expect(cell(table, 'Audit log', 0)).toHaveTextContent('Not allowed');
    expect(screen.getByRole('button', { name: /^Viewer/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('creates a custom role from the checkbox grid', async () => {
    const { requests } = mockApi((request: RecordedRequest) =>
      request.method === 'POST' && request.url.pathname === '/api/v1/roles'
        ? json(releaseManager, { status: 201 })
        : json(makeRoleList()),
    );
    const { user } = renderApp('/settings/roles');

    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = screen.getByRole('dialog', { name: 'New role' });
    await user.type(within(dialog).getByLabelText('Role name'), 'release-manager');
    await user.click(within(dialog).getByRole('checkbox', { name: 'agents:read' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'agents:execute' }));
    // A decision outside the resource × action grid is granted the same way.
    await user.click(within(dialog).getByRole('checkbox', { name: 'runs:approve' }));
    expect(within(dialog).getByText('3 of 61 selected')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create role' }));

    expect(await screen.findByText('Role created')).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/roles')?.body).toEqual({
      name: 'release-manager',
      description: '',
      permissions: ['agents:read', 'agents:execute', 'runs:approve'],
    });
  });

  it('rejects a role name that is not a slug before sending it', async () => {
    const { requests } = mockApi(() => json(makeRoleList()));
    const { user } = renderApp('/settings/roles');

    await user.click(await screen.findByRole('button', { name: 'New role' }));
    await user.type(screen.getByLabelText('Role name'), 'Release Manager');
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    expect(screen.getByLabelText('Role name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Use lowercase letters, digits and dashes/)).toBeInTheDocument();
    expect(requests.some((request) => request.url.pathname === '/api/v1/roles' && request.method === 'POST')).toBe(false);
  });

  it('explains that a role members still hold cannot be deleted', async () => {
    const { requests } = mockApi((request) =>
      request.method === 'DELETE'
        ? problem(
            { title: 'Role in use', code: 'role_in_use', detail: '1 member(s) hold this role; give them another role first' },
            409,
          )
        : json(makeRoleList([releaseManager])),
    );
    const { user } = renderApp('/settings/roles?role=release-manager');

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete role “release-manager”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete role' }));

    expect(await within(dialog).findByText('This role is still in use')).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: 'open the member list' })).toHaveAttribute('href', '/settings/members');
    expect(within(dialog).getByRole('button', { name: 'Delete role' })).toBeDisabled();
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  it('shows a viewer the roles without ways to change them', async () => {
    mockApi(() => json(makeRoleList([releaseManager])), { role: 'viewer' });
    const { user } = renderApp('/settings/roles');

    await user.click(await screen.findByRole('button', { name: /^release-manager/ }));
    expect(screen.getByRole('table', { name: 'Permissions of release-manager' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New role' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });
});
