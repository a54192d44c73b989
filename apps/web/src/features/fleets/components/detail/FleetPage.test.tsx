import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../../test/agent-fixture';
import { json, problem, type RecordedRequest } from '../../../../test/mock-fetch';
import { FLEET_ID, fleetPage, makeFleetDetail, makeMember } from '../../test/fleet-fixtures';
import { renderFleets, serveFleets } from '../../test/render-fleets';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ADA = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b2';
const CAL = '00000000-0000-4000-8000-0000000000c3';
const MEMBERS = [
  makeMember({ agentId: ADA, agentName: 'Ada', role: 'manager', weight: 2, maxConcurrent: 3, skills: ['billing', 'sql'] }),
  makeMember({ agentId: BOB, agentName: 'Bob', role: 'worker', allowedDelegates: [ADA] }),
];
const PATH = `/api/v1/fleets/${FLEET_ID}`;
const calls = (requests: RecordedRequest[], method: string, path: string) =>
  requests.filter((request) => request.method === method && request.url.pathname === path);

describe('FleetPage', () => {
  it('lists the members with role, weight, capacity, skills and delegates, linking to each agent', async () => {
    serveFleets(() => json(makeFleetDetail({ strategy: { type: 'manager' } }, MEMBERS)));
    renderFleets(`/fleets/${FLEET_ID}`);

    const table = await screen.findByRole('table', { name: 'Members' });
    const ada = within(table).getByRole('row', { name: /^Ada/ });
    expect(within(ada).getByRole('link', { name: 'Ada' })).toHaveAttribute('href', `/agents/${ADA}`);
    expect(within(ada).getByText('Manager')).toBeInTheDocument();
    expect(within(ada).getByText('2')).toBeInTheDocument();
    expect(within(ada).getByLabelText('0 of 3 slots in use')).toHaveTextContent('0 / 3');
    expect(
      within(within(ada).getByRole('list'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['billing', 'sql']);
    const bob = within(table).getByRole('row', { name: /^Bob/ });
    expect(within(bob).getByText('Worker')).toBeInTheDocument();
    expect(within(bob).getAllByText('Ada')).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Support tier 1' })).toBeInTheDocument();
    expect(screen.getByText('Manager', { selector: 'dd' })).toBeInTheDocument();
  });

  it('pauses the fleet with a reason through PUT admin-state and shows the new state', async () => {
    const { requests } = serveFleets((request) => {
      if (request.method === 'PUT') return json(makeFleetDetail({ adminState: 'paused', version: 5 }, MEMBERS));
      return json(makeFleetDetail({}, MEMBERS));
    });
    const { user } = renderFleets(`/fleets/${FLEET_ID}`);

    await screen.findByRole('table', { name: 'Members' });
    expect(screen.queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pause Support tier 1?' });
    await user.type(within(dialog).getByLabelText('Reason'), 'maintenance');
    await user.click(within(dialog).getByRole('button', { name: 'Pause fleet' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls(requests, 'PUT', `${PATH}/admin-state`).map((request) => request.body)).toEqual([
      { adminState: 'paused', reason: 'maintenance' },
    ]);
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();
  });

  it('says which member role is missing when resuming is refused with manager_required', async () => {
    serveFleets((request) => {
      if (request.method === 'PUT') {
        return problem(
          {
            title: 'Conflict',
            code: 'conflict',
            detail: 'The fleet is not ready.',
            errors: [{ path: 'members', code: 'manager_required', message: 'The manager strategy needs exactly one manager' }],
          },
          409,
        );
      }
      return json(makeFleetDetail({ adminState: 'paused', strategy: { type: 'manager' } }, []));
    });
    const { user } = renderFleets(`/fleets/${FLEET_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resume Support tier 1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Resume fleet' }));

    expect(await within(dialog).findByText('A member role is missing')).toBeInTheDocument();
    expect(within(dialog).getByText(/needs exactly one member with the role Manager/)).toBeInTheDocument();
  });

  it('adds a member picked from the agents that are not members yet', async () => {
    const { requests } = serveFleets((request) => {
      if (request.url.pathname === '/api/v1/agents') {
        return json({
          items: [makeAgent({ id: ADA, name: 'Ada' }), makeAgent({ id: CAL, name: 'Cal' })],
          total: 2,
          nextCursor: null,
        });
      }
      if (request.method === 'POST')
        return json(makeMember({ agentId: CAL, agentName: 'Cal', role: 'reviewer' }), { status: 201 });
      return json(makeFleetDetail({}, MEMBERS.slice(0, 1)));
    });
    const { user } = renderFleets(`/fleets/${FLEET_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Add member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a member' });
    const picker = within(dialog).getByLabelText('Agent');
    await within(picker).findByRole('option', { name: 'Cal' });
    expect(within(picker).queryByRole('option', { name: 'Ada' })).not.toBeInTheDocument();
    await user.selectOptions(picker, 'Cal');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'reviewer');
    await user.clear(within(dialog).getByLabelText('Capacity'));
    await user.type(within(dialog).getByLabelText('Capacity'), '2');
    await user.type(within(dialog).getByLabelText('Skills'), 'billing, sql');
    await user.click(within(dialog).getByLabelText('Ada'));
    await user.click(within(dialog).getByRole('button', { name: 'Add member' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls(requests, 'POST', `${PATH}/members`).map((request) => request.body)).toEqual([
      { agentId: CAL, role: 'reviewer', weight: 1, maxConcurrent: 2, skills: ['billing', 'sql'], allowedDelegates: [ADA] },
    ]);
  });

  it('says which role is missing when removing the manager is refused, and removes a member after confirmation', async () => {
    const { requests } = serveFleets((request) => {
      if (request.method === 'DELETE' && request.url.pathname.endsWith(ADA)) {
        return problem(
          { title: 'Conflict', code: 'conflict', errors: [{ path: 'members', code: 'manager_required', message: 'x' }] },
          409,
        );
      }
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      return json(makeFleetDetail({ strategy: { type: 'manager' } }, MEMBERS));
    });
    const { user } = renderFleets(`/fleets/${FLEET_ID}`);

    const table = await screen.findByRole('table', { name: 'Members' });
    await user.click(within(within(table).getByRole('row', { name: /^Ada/ })).getByRole('button', { name: 'Remove' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove Ada?' });
    expect(calls(requests, 'DELETE', `${PATH}/members/${ADA}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    expect(await within(dialog).findByText(/needs exactly one member with the role Manager/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(within(table).getByRole('row', { name: /^Bob/ })).getByRole('button', { name: 'Remove' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove Bob?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls(requests, 'DELETE', `${PATH}/members/${BOB}`)).toHaveLength(1);
  });

  it('saves settings with If-Match, and offers to reload when the fleet changed elsewhere', async () => {
    let version = 4;
    const { requests } = serveFleets((request) => {
      if (request.method === 'PATCH') {
        return problem({ title: 'Precondition failed', code: 'precondition_failed', detail: 'The fleet changed.' }, 412);
      }
      return json(makeFleetDetail({ version }, MEMBERS));
    });
    const { user } = renderFleets(`/fleets/${FLEET_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Edit settings' }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit Support tier 1' });
    await user.selectOptions(within(dialog).getByLabelText('Strategy'), 'cost_aware');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    expect(await within(dialog).findByText('This fleet was changed elsewhere — reload')).toBeInTheDocument();
    const patch = calls(requests, 'PATCH', PATH)[0];
    expect(patch?.headers.get('if-match')).toBe('"4"');
    expect(patch?.body).toMatchObject({ strategy: { type: 'cost_aware', escalateOnFailure: true } });

    version = 6;
    await user.click(within(dialog).getByRole('button', { name: 'Reload' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit Support tier 1' });
    expect(await within(dialog).findByText('Version 6.')).toBeInTheDocument();
    expect(within(dialog).queryByText('This fleet was changed elsewhere — reload')).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText('Strategy')).toHaveValue('least_loaded');
  });

  it('deletes the fleet after confirmation and returns to the list', async () => {
    const { requests } = serveFleets((request) => {
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      if (request.url.pathname === '/api/v1/fleets') return json(fleetPage([]));
      return json(makeFleetDetail({}, MEMBERS));
    });
    const { user, router } = renderFleets(`/fleets/${FLEET_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Support tier 1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete fleet' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/fleets'));
    expect(calls(requests, 'DELETE', PATH)[0]?.headers.get('if-match')).toBe('"4"');
  });

  it('offers a viewer no way to change the fleet', async () => {
    serveFleets(() => json(makeFleetDetail({}, MEMBERS)), 'viewer');
    renderFleets(`/fleets/${FLEET_ID}`);

    const table = await screen.findByRole('table', { name: 'Members' });
    for (const name of ['Pause', 'Drain', 'Edit settings', 'Delete', 'Add member']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(within(table).queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
  });

  it('lets an editor edit the fleet but not pause it, which takes fleets:manage', async () => {
    serveFleets(() => json(makeFleetDetail({}, MEMBERS)), 'editor');
    renderFleets(`/fleets/${FLEET_ID}`);

    await screen.findByRole('table', { name: 'Members' });
    expect(screen.getByRole('button', { name: 'Edit settings' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add member' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Drain' })).not.toBeInTheDocument();
  });
});
