import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../../../test/mock-fetch';
import { FLEET_ID, fleetPage, makeFleetDetail } from '../../test/fleet-fixtures';
import { renderFleets, serveFleets } from '../../test/render-fleets';

afterEach(() => {
  vi.unstubAllGlobals();
});

const openDialog = async (user: ReturnType<typeof renderFleets>['user']) => {
  await user.click((await screen.findAllByRole('button', { name: 'New fleet' }))[0] as HTMLElement);
  return screen.findByRole('dialog', { name: 'New fleet' });
};

describe('NewFleetDialog', () => {
  it("shows the API's field errors beside their fields", async () => {
    const { requests } = serveFleets((request) => {
      if (request.method === 'POST') {
        return problem(
          {
            title: 'Invalid request',
            code: 'validation_failed',
            errors: [
              { path: 'name', message: 'Names use letters, digits, spaces, ".", "_" and "-"', code: 'invalid_string' },
              { path: 'limits.taskTimeout', message: 'Use a duration such as 90s, 10m or 2h', code: 'invalid_string' },
              { path: 'maxConcurrency', message: 'Too big: expected number to be <=10000', code: 'too_big' },
            ],
          },
          400,
        );
      }
      return json(fleetPage([]));
    });
    const { user } = renderFleets('/fleets');
    const dialog = await openDialog(user);

    await user.type(within(dialog).getByLabelText('Name'), 'bad/name');
    await user.clear(within(dialog).getByLabelText('Max concurrency'));
    await user.type(within(dialog).getByLabelText('Max concurrency'), '20000');
    await user.clear(within(dialog).getByLabelText('Task timeout'));
    await user.type(within(dialog).getByLabelText('Task timeout'), 'soon');
    await user.click(within(dialog).getByRole('button', { name: 'Create fleet' }));

    expect(await within(dialog).findByText('Names use letters, digits, spaces, ".", "_" and "-"')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Task timeout')).toHaveAccessibleDescription(/Use a duration such as 90s, 10m or 2h/);
    expect(within(dialog).getByLabelText('Max concurrency')).toHaveAccessibleDescription(/expected number to be <=10000/);
    const body = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/fleets')
      ?.body as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'bad/name', maxConcurrency: 20000, limits: { taskTimeout: 'soon' } });
  });

  it('refuses an empty number field before sending anything', async () => {
    const { requests } = serveFleets(() => json(fleetPage([])));
    const { user } = renderFleets('/fleets');
    const dialog = await openDialog(user);

    await user.type(within(dialog).getByLabelText('Name'), 'Support');
    await user.clear(within(dialog).getByLabelText('Queue limit'));
    await user.click(within(dialog).getByRole('button', { name: 'Create fleet' }));

    expect(within(dialog).getByLabelText('Queue limit')).toHaveAccessibleDescription(/Enter a number/);
    expect(requests.some((request) => request.method === 'POST' && request.url.pathname === '/api/v1/fleets')).toBe(false);
  });

  it("sends the strategy with its own configuration and opens the new fleet's page", async () => {
    const { requests } = serveFleets((request) => {
      if (request.method === 'POST') return json(makeFleetDetail({ name: 'Panel', adminState: 'paused' }), { status: 201 });
      if (request.url.pathname === `/api/v1/fleets/${FLEET_ID}`) return json(makeFleetDetail({ name: 'Panel' }));
      return json(fleetPage([]));
    });
    const { user, router } = renderFleets('/fleets');
    const dialog = await openDialog(user);

    await user.type(within(dialog).getByLabelText('Name'), 'Panel');
    await user.type(within(dialog).getByLabelText('Description'), 'Three opinions');
    await user.selectOptions(within(dialog).getByLabelText('Strategy'), 'broadcast');
    await user.selectOptions(within(dialog).getByLabelText('Combine the answers by'), 'aggregator');
    await user.type(within(dialog).getByLabelText('Budget per root task (USD)'), '2.5');
    await user.click(within(dialog).getByRole('button', { name: 'Create fleet' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/fleets/${FLEET_ID}`));
    expect(requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/fleets')?.body).toEqual({
      name: 'Panel',
      description: 'Three opinions',
      strategy: { type: 'broadcast', combine: 'aggregator' },
      maxConcurrency: 10,
      queueLimit: 1000,
      limits: { maxDelegationDepth: 3, maxHopsPerRootTask: 20, budgetUsdPerRootTask: 2.5, taskTimeout: '10m' },
    });
  });
});
