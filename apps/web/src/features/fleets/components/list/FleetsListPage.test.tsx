import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { fleetPage, makeFleet } from '../../test/fleet-fixtures';
import { renderFleets, serveFleets } from '../../test/render-fleets';

afterEach(() => {
  vi.unstubAllGlobals();
});

const LIST = [
  makeFleet({
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Billing desk',
    strategy: { type: 'round_robin', weighted: true },
    adminState: 'paused',
    memberCount: 1,
    maxConcurrency: 4,
  }),
  makeFleet({ id: '00000000-0000-4000-8000-000000000002', name: 'Support tier 1', memberCount: 3, maxConcurrency: 25 }),
];

describe('FleetsListPage', () => {
  it('explains what a fleet is when there is none, and opens the New fleet dialog', async () => {
    serveFleets(() => json(fleetPage([])));
    const { user } = renderFleets('/fleets');

    expect(await screen.findByText('No fleets yet')).toBeInTheDocument();
    expect(screen.getByText(/A fleet is a standing team of agents/)).toBeInTheDocument();
    const buttons = screen.getAllByRole('button', { name: 'New fleet' });
    expect(buttons).toHaveLength(2);
    await user.click(buttons[1] as HTMLElement);
    expect(await screen.findByRole('dialog', { name: 'New fleet' })).toBeInTheDocument();
  });

  it('lists name, strategy, admin state, member count and max concurrency, linking to the fleet', async () => {
    serveFleets(() => json(fleetPage(LIST)));
    renderFleets('/fleets');

    const table = await screen.findByRole('table', { name: 'Fleets' });
    const billing = within(table).getByRole('row', { name: /Billing desk/ });
    expect(within(billing).getByRole('link', { name: 'Billing desk' })).toHaveAttribute(
      'href',
      '/fleets/00000000-0000-4000-8000-000000000001',
    );
    expect(within(billing).getByText('Round robin (weighted)')).toBeInTheDocument();
    expect(within(billing).getByText('Paused')).toBeInTheDocument();
    expect(within(billing).getByText('1 member')).toBeInTheDocument();
    expect(within(billing).getByText('4')).toBeInTheDocument();
    const support = within(table).getByRole('row', { name: /Support tier 1/ });
    expect(within(support).getByText('Least loaded')).toBeInTheDocument();
    expect(within(support).getByText('Active')).toBeInTheDocument();
    expect(within(support).getByText('3 members')).toBeInTheDocument();
    expect(within(support).getByText('25')).toBeInTheDocument();
  });

  it('searches with q and filters by admin state through the API, and says when nothing matches', async () => {
    const { requests } = serveFleets((request) =>
      json(fleetPage(request.url.searchParams.get('adminState') === 'draining' ? [] : LIST)),
    );
    const { user, router } = renderFleets('/fleets');

    await screen.findByRole('table', { name: 'Fleets' });
    await user.type(screen.getByRole('searchbox', { name: 'Search fleets' }), 'desk');
    await waitFor(() => expect(requests.at(-1)?.url.searchParams.get('q')).toBe('desk'));
    await user.selectOptions(screen.getByLabelText('State'), 'draining');

    expect(await screen.findByText('No fleets match')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=desk&adminState=draining');
    expect(requests.at(-1)?.url.searchParams.get('adminState')).toBe('draining');
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(await screen.findByRole('table', { name: 'Fleets' })).toBeInTheDocument();
  });

  it('does not offer creating a fleet to a viewer', async () => {
    serveFleets(() => json(fleetPage([])), 'viewer');
    renderFleets('/fleets');

    expect(await screen.findByText('No fleets yet')).toBeInTheDocument();
    expect(screen.getByText(/Your role can view fleets/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New fleet' })).not.toBeInTheDocument();
  });
});
