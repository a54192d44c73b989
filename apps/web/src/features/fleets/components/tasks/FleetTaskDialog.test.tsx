import type { FleetTaskDetail } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../../../test/mock-fetch';
import { FLEET_ID } from '../../test/fleet-fixtures';
import { ADA, BOB, makeFleetTask, makeFleetTaskDetail, makeRoutingRecord, TASK_ID } from '../../test/fleet-task-fixtures';
import { renderFleets } from '../../test/render-fleets';
import { FLEET_PATH, requestsTo, serveFleetTasks } from '../../test/serve-fleet-tasks';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openTask(detail: () => FleetTaskDetail, options: { write?: Parameters<typeof serveFleetTasks>[0]['write'] } = {}) {
  const server = serveFleetTasks({ tasks: () => [detail()], detail, ...options });
  const view = renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);
  const table = await screen.findByRole('table', { name: 'Tasks' });
  await view.user.click(within(table).getByRole('button', { name: /Summarise ticket 4521/ }));
  const dialog = await screen.findByRole('dialog', { name: 'Task' });
  return { ...view, ...server, dialog };
}

describe('FleetTaskDialog', () => {
  it('shows the input, the output, the attempts and every candidate the routing weighed, the chosen one marked', async () => {
    const { dialog } = await openTask(() => makeFleetTaskDetail());

    expect(await within(dialog).findByText('least loaded: Ada (in flight 0/2)')).toBeInTheDocument();
    expect(within(dialog).getByRole('region', { name: 'Input' })).toHaveTextContent('Summarise ticket 4521');
    expect(within(dialog).getByRole('region', { name: 'Output' })).toHaveTextContent('refund issued');
    expect(within(dialog).getByText('Attempts').nextElementSibling).toHaveTextContent('1');

    const routing = within(dialog).getByRole('region', { name: 'Routing of attempt 1' });
    expect(routing).toHaveTextContent('Least loaded · decided in 0.4 ms');
    const candidates = within(within(routing).getByRole('list', { name: 'Candidates' })).getAllByRole('listitem');
    expect(candidates.map((item) => item.textContent)).toEqual([
      'AdaChosenRank 1 · score 0in flight 0/2',
      'BobRank 2 · score 0.5in flight 1/2',
      'Former memberExcluded: not activepaused',
    ]);
    expect(candidates[0]).toHaveAttribute('aria-current', 'true');
    expect(candidates[1]).not.toHaveAttribute('aria-current');
    expect(within(candidates[0] as HTMLElement).getByRole('link', { name: 'Ada' })).toHaveAttribute('href', `/agents/${ADA}`);
    expect(within(dialog).queryByRole('button', { name: 'Cancel task' })).not.toBeInTheDocument();
  });

  it('shows a re-placed task’s latest decision first and a failure’s error', async () => {
    const { dialog } = await openTask(() =>
      makeFleetTaskDetail(
        {
          status: 'failed',
          attempt: 2,
          agentIds: [BOB],
          output: null,
          error: { code: 'provider_error', message: 'The provider answered 503' },
        },
        [
          makeRoutingRecord(),
          makeRoutingRecord({
            id: '4e5f6071-8293-4dae-8f10-2b3c4d5e6f70',
            attempt: 2,
            chosen: [BOB],
            strategy: 'cost_aware',
            reason: 'cost aware: escalated to Bob after Ada failed',
          }),
        ],
      ),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Failed: provider_errorThe provider answered 503');
    expect(
      within(dialog)
        .getAllByRole('region', { name: /^Routing of attempt/ })
        .map((region) => region.getAttribute('aria-label')),
    ).toEqual(['Routing of attempt 2', 'Routing of attempt 1']);
    expect(within(dialog).getByText('cost aware: escalated to Bob after Ada failed')).toBeInTheDocument();
  });

  it('cancels an open task and shows a refusal', async () => {
    let detail = makeFleetTaskDetail({ status: 'running', output: null, finishedAt: null, durationMs: null });
    let refuse = true;
    const { dialog, user, requests } = await openTask(() => detail, {
      write: () => {
        if (refuse) return problem({ title: 'Conflict', code: 'conflict', detail: 'The task has already ended.' }, 409);
        detail = { ...detail, status: 'cancelled' };
        return json(makeFleetTask({ status: 'cancelled' }));
      },
    });

    await user.click(await within(dialog).findByRole('button', { name: 'Cancel task' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The task has already ended.');

    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Cancel task' }));
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: 'Cancel task' })).not.toBeInTheDocument());
    expect(within(dialog).getAllByText('Cancelled').length).toBeGreaterThan(0);
    expect(requestsTo(requests, 'POST', `${FLEET_PATH}/tasks/${TASK_ID}/cancel`)).toHaveLength(2);
  });

  it('offers no cancel to a role without fleets:execute', async () => {
    serveFleetTasks(
      { tasks: () => [makeFleetTask({ status: 'running' })], detail: () => makeFleetTaskDetail({ status: 'running' }) },
      'viewer',
    );
    const { user } = renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);
    await user.click(await screen.findByRole('button', { name: /Summarise ticket 4521/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Task' });

    expect(await within(dialog).findByText('least loaded: Ada (in flight 0/2)')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Cancel task' })).not.toBeInTheDocument();
  });
});
