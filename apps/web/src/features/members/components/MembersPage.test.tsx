import type { Invitation, Member } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';
import { bob, makeInvitation, makeMember, makeRoleList } from '../../../test/security-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

interface ServerState {
  members: Member[];
  invitations: Invitation[];
}

/** Serves members, invitations and roles from `state`; `override` answers first when it returns a response. */
function serveMembers(state: ServerState, override: (request: RecordedRequest) => Response | undefined = () => undefined) {
  return (request: RecordedRequest) => {
    const answer = override(request);
    if (answer) return answer;
    const path = request.url.pathname;
    if (path === '/api/v1/members') return json({ items: state.members });
    if (path === '/api/v1/invitations') return json({ items: state.invitations });
    if (path === '/api/v1/roles') return json(makeRoleList());
    return json({});
  };
}

const bobRow = () => screen.findByRole('row', { name: /Bob Builder/ });

describe('MembersPage', () => {
  it('changes a member role and shows the new one at once', async () => {
    const state: ServerState = { members: [makeMember(), bob()], invitations: [] };
    const { requests } = mockApi(
      serveMembers(state, (request) => {
        if (request.method !== 'PATCH') return undefined;
        const updated = bob(request.body as Partial<Member>);
        state.members = [makeMember(), updated];
        return json(updated);
      }),
    );
    const { user } = renderApp('/settings/members');

    const select = await screen.findByLabelText('Role for Bob Builder');
    expect(select).toHaveValue('editor');
    await user.selectOptions(select, 'viewer');

    expect(await screen.findByText('Bob Builder is now Viewer')).toBeInTheDocument();
    const patch = requests.find((request) => request.method === 'PATCH');
    expect(patch?.url.pathname).toBe(`/api/v1/members/${bob().userId}`);
    expect(patch?.body).toEqual({ role: 'viewer' });
    expect(screen.getByLabelText('Role for Bob Builder')).toHaveValue('viewer');
  });

  it('keeps the old role and says why when the server refuses the change', async () => {
    const state: ServerState = { members: [makeMember(), bob()], invitations: [] };
    mockApi(
      serveMembers(state, (request) =>
        request.method === 'PATCH'
          ? problem(
              {
                title: 'A workspace needs an owner',
                code: 'last_owner',
                detail: 'The workspace must keep at least one active owner',
              },
              409,
            )
          : undefined,
      ),
    );
    const { user } = renderApp('/settings/members');

    await user.selectOptions(await screen.findByLabelText('Role for Bob Builder'), 'admin');
    expect(await screen.findByText('The workspace must keep at least one active owner')).toBeInTheDocument();
    expect(screen.getByLabelText('Role for Bob Builder')).toHaveValue('editor');
  });

  it('does not let you change or remove yourself', async () => {
    mockApi(serveMembers({ members: [makeMember(), bob()], invitations: [] }));
    renderApp('/settings/members');

    const self = await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(within(self).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(self).getByText('Owner')).toBeInTheDocument();
    expect(within(self).queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
    expect(within(await bobRow()).getByRole('button', { name: 'Remove' })).toBeInTheDocument();
  });

  it('creates an invitation and shows its link once', async () => {
    const state: ServerState = { members: [makeMember()], invitations: [] };
    const { requests } = mockApi(
      serveMembers(state, (request) => {
        if (request.method !== 'POST' || request.url.pathname !== '/api/v1/invitations') return undefined;
        const invitation = makeInvitation({ email: 'carol@example.com', role: 'viewer' });
        state.invitations = [invitation];
        return json({ ...invitation, token: 'secret-invite-token' }, { status: 201 });
      }),
    );
    const { user } = renderApp('/settings/members');

    await user.click(await screen.findByRole('button', { name: 'Invite member' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite a member' });
    await user.type(within(dialog).getByLabelText('Email (optional)'), 'carol@example.com');
    await waitFor(() => expect(within(dialog).getByLabelText('Role')).toHaveValue('editor'));
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'viewer');
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation' }));

    const link = await screen.findByLabelText('Invitation link');
    // Bound to an address: the link carries it, so the sign-up form starts with it.
    expect(link).toHaveValue(`${window.location.origin}/signup?invite=secret-invite-token&email=carol%40example.com`);
    expect(link).toHaveAttribute('readonly');
    expect(screen.getByText('Copy the link now')).toBeInTheDocument();
    const post = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/invitations');
    expect(post?.body).toEqual({ email: 'carol@example.com', role: 'viewer', expiresInDays: 7 });

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Invitation link')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(/secret-invite-token/)).not.toBeInTheDocument();
    const pending = await screen.findByRole('list', { name: 'Pending invitations' });
    expect(within(pending).getByText('carol@example.com')).toBeInTheDocument();
  });

  it('revokes a pending invitation after confirmation', async () => {
    const state: ServerState = { members: [makeMember()], invitations: [makeInvitation()] };
    const { requests } = mockApi(
      serveMembers(state, (request) => {
        if (request.method !== 'DELETE') return undefined;
        state.invitations = [];
        return new Response(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/settings/members');

    await user.click(await screen.findByRole('button', { name: 'Revoke invitation for carol@example.com' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke invitation' }));

    expect(await screen.findByText(/No pending invitations/)).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'DELETE')?.url.pathname).toBe(
      `/api/v1/invitations/${makeInvitation().id}`,
    );
  });

  it('removes a member after confirmation', async () => {
    const state: ServerState = { members: [makeMember(), bob()], invitations: [] };
    const { requests } = mockApi(
      serveMembers(state, (request) => {
        if (request.method !== 'DELETE') return undefined;
        state.members = [makeMember()];
        return new Response(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/settings/members');

    await user.click(within(await bobRow()).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Bob Builder?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));

    await waitFor(() => expect(screen.queryByRole('row', { name: /Bob Builder/ })).not.toBeInTheDocument());
    expect(requests.find((request) => request.method === 'DELETE')?.url.pathname).toBe(`/api/v1/members/${bob().userId}`);
  });

  it('shows a viewer the list without any management controls', async () => {
    const { requests } = mockApi(serveMembers({ members: [makeMember({ role: 'viewer' }), bob()], invitations: [] }), {
      role: 'viewer',
    });
    renderApp('/settings/members');

    const row = await bobRow();
    expect(within(row).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(requests.some((request) => request.url.pathname === '/api/v1/invitations')).toBe(false);
  });
});
