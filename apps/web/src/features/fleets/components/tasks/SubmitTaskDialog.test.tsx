import type { FleetTask } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../../../test/mock-fetch';
import { FLEET_ID } from '../../test/fleet-fixtures';
import { makeFleetTask } from '../../test/fleet-task-fixtures';
import { renderFleets } from '../../test/render-fleets';
import { FLEET_PATH, requestsTo, serveFleetTasks } from '../../test/serve-fleet-tasks';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openDialog(path = `/fleets/${FLEET_ID}`) {
  const view = renderFleets(path);
  await view.user.click(await screen.findByRole('button', { name: 'Submit task' }));
  return { ...view, dialog: await screen.findByRole('dialog', { name: 'Submit a task' }) };
}

describe('SubmitTaskDialog', () => {
  it('checks the input and the priority before sending anything', async () => {
    const { requests } = serveFleetTasks({ tasks: () => [] });
    const { user, dialog } = await openDialog();

    await user.clear(within(dialog).getByLabelText('Priority'));
    await user.type(within(dialog).getByLabelText('Priority'), '500');
    await user.click(within(dialog).getByRole('button', { name: 'Submit task' }));

    expect(await within(dialog).findByText('Enter what the agent is asked')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Input')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Enter a whole number from −100 to 100')).toBeInTheDocument();
    expect(requestsTo(requests, 'POST', `${FLEET_PATH}/tasks`)).toHaveLength(0);
  });

  it('shows the server’s field errors beside their fields and other refusals in a banner', async () => {
    let answer = () =>
      problem(
        {
          title: 'Invalid request',
          code: 'validation_failed',
          errors: [
            { path: 'skills.0', code: 'invalid_string', message: 'Skills are lowercase words: letters, digits, ".", "_" or "-"' },
          ],
        },
        400,
      );
    serveFleetTasks({ tasks: () => [], write: () => answer() });
    const { user, dialog } = await openDialog();

    await user.type(within(dialog).getByLabelText('Input'), 'Summarise ticket 4521');
    await user.type(within(dialog).getByLabelText('Skills'), 'bill ing');
    await user.click(within(dialog).getByRole('button', { name: 'Submit task' }));

    expect(await within(dialog).findByText(/Skills are lowercase words/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Skills')).toHaveAttribute('aria-invalid', 'true');

    answer = () =>
      problem({ title: 'Conflict', code: 'fleet_unavailable', detail: 'The fleet is draining and takes no new tasks.' }, 409);
    await user.click(within(dialog).getByRole('button', { name: 'Submit task' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not submit the task');
    expect(alert).toHaveTextContent('The fleet is draining and takes no new tasks.');
  });

  it('sends a JSON object as JSON with its skills and priority, and shows the new task in the list', async () => {
    let tasks: FleetTask[] = [];
    const { requests } = serveFleetTasks({
      tasks: () => tasks,
      write: () => {
        tasks = [makeFleetTask({ status: 'queued', input: { ticket: 4521 }, agentIds: [], attempt: 0, output: null })];
        return json(tasks[0], { status: 201 });
      },
    });
    const { user, dialog, router } = await openDialog();

    await user.click(within(dialog).getByLabelText('Input'));
    await user.paste('{"ticket": 4521}');
    expect(within(dialog).getByText(/Sent as a JSON object/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Skills'), 'Billing, sql, billing');
    await user.clear(within(dialog).getByLabelText('Priority'));
    await user.type(within(dialog).getByLabelText('Priority'), '10');
    await user.click(within(dialog).getByRole('button', { name: 'Submit task' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requestsTo(requests, 'POST', `${FLEET_PATH}/tasks`).map((request) => request.body)).toEqual([
      { input: { ticket: 4521 }, skills: ['billing', 'sql'], priority: 10 },
    ]);
    expect(router.state.location.search).toBe('?tab=tasks');
    const table = await screen.findByRole('table', { name: 'Tasks' });
    const row = within(table).getByRole('row', { name: /ticket/ });
    expect(within(row).getByText('Queued')).toBeInTheDocument();
  });

  it('sends text that is not a JSON object as text', async () => {
    const { requests } = serveFleetTasks({
      tasks: () => [],
      write: () => json(makeFleetTask({ status: 'queued' }), { status: 201 }),
    });
    const { user, dialog } = await openDialog();

    await user.click(within(dialog).getByLabelText('Input'));
    await user.paste('[1, 2] is not an object');
    await user.click(within(dialog).getByRole('button', { name: 'Submit task' }));

    await waitFor(() => expect(requestsTo(requests, 'POST', `${FLEET_PATH}/tasks`)).toHaveLength(1));
    expect(requestsTo(requests, 'POST', `${FLEET_PATH}/tasks`)[0]?.body).toEqual({
      input: '[1, 2] is not an object',
      skills: [],
      priority: 0,
    });
  });

  it('offers no Submit task to a role without fleets:execute', async () => {
    serveFleetTasks({ tasks: () => [] }, 'viewer');
    renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);

    expect(await screen.findByText('No tasks yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit task' })).not.toBeInTheDocument();
  });
});
