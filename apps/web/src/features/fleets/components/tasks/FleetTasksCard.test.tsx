import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLEET_ID } from '../../test/fleet-fixtures';
import { ADA, BOB, makeFleetTask, makeRoutingRecord } from '../../test/fleet-task-fixtures';
import { renderFleets } from '../../test/render-fleets';
import { fleetTaskKeys } from '../../task-api';
import { DEFAULT_PAGE_SIZE } from '../../../../lib/page-size';
import { FLEET_PATH, requestsTo, serveFleetTasks } from '../../test/serve-fleet-tasks';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const DONE = makeFleetTask();
const WAITING = makeFleetTask({
  id: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5e',
  status: 'queued',
  input: 'Refund order 88',
  agentIds: [],
  attempt: 0,
  output: null,
  llmCalls: 0,
  costUsd: 0,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  waitingReason: 'no eligible member: the task waits for one (excluded: Ada: at capacity 2/2; Bob: paused)',
});
const ON_BOB = makeFleetTask({
  id: '2c3d4e5f-6071-4b8c-9d0e-1f2a3b4c5d6f',
  input: { ticket: 77 },
  agentIds: [BOB],
  status: 'running',
  finishedAt: null,
  durationMs: null,
});
const BOB_RECORD = makeRoutingRecord({
  id: '3d4e5f60-7182-4c9d-8e0f-1a2b3c4d5e6f',
  taskId: ON_BOB.id,
  chosen: [BOB],
  reason: 'least loaded: Bob (in flight 0/2)',
});

const LIST_PARAMS = { status: undefined, limit: DEFAULT_PAGE_SIZE, cursor: undefined };

describe('the fleet page’s tasks', () => {
  it('lists each task with its status, its agent linked, and why that agent took it or why it waits', async () => {
    serveFleetTasks({ tasks: () => [WAITING, ON_BOB, DONE], routing: () => [BOB_RECORD, makeRoutingRecord()] });
    renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);

    const table = await screen.findByRole('table', { name: 'Tasks' });
    expect(screen.getByRole('tab', { name: 'Tasks' })).toHaveAttribute('aria-selected', 'true');
    const done = within(table).getByRole('row', { name: /Summarise ticket 4521/ });
    expect(within(done).getByText('Succeeded')).toBeInTheDocument();
    expect(within(done).getByRole('link', { name: 'Ada' })).toHaveAttribute('href', `/agents/${ADA}`);
    expect(await within(done).findByText('least loaded: Ada (in flight 0/2)')).toBeInTheDocument();
    expect(within(done).getByText('2.5 s')).toBeInTheDocument();

    const running = within(table).getByRole('row', { name: /\{"ticket":77\}/ });
    expect(within(running).getByText('Running')).toBeInTheDocument();
    expect(within(running).getByRole('link', { name: 'Bob' })).toHaveAttribute('href', `/agents/${BOB}`);
    expect(within(running).getByText('least loaded: Bob (in flight 0/2)')).toBeInTheDocument();

    const waiting = within(table).getByRole('row', { name: /Refund order 88/ });
    expect(within(waiting).getByText('Queued')).toBeInTheDocument();
    expect(within(waiting).getByText(`Waiting: ${WAITING.waitingReason ?? ''}`)).toBeInTheDocument();
    expect(screen.getByText('3 tasks')).toBeInTheDocument();
  });

  it('asks for one status when filtered and offers the way back', async () => {
    const { requests } = serveFleetTasks({ tasks: () => [] });
    const { user, router } = renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);

    await screen.findByText('No tasks yet');
    await user.selectOptions(screen.getByLabelText('Status'), 'queued');

    expect(await screen.findByText('No queued tasks')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?tab=tasks&status=queued');
    const listed = requestsTo(requests, 'GET', `${FLEET_PATH}/tasks`);
    expect(listed.at(-1)?.url.searchParams.get('status')).toBe('queued');
    await user.click(screen.getByRole('button', { name: 'Show every task' }));
    await screen.findByText('No tasks yet');
    expect(router.state.location.search).toBe('?tab=tasks');
  });

  it('asks again while a task is open, and stops once every task has ended', async () => {
    let tasks = [ON_BOB];
    serveFleetTasks({ tasks: () => tasks });
    const { queryClient } = renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);
    const table = await screen.findByRole('table', { name: 'Tasks' });
    expect(within(table).getByText('Running')).toBeInTheDocument();

    tasks = [{ ...ON_BOB, status: 'succeeded' }];
    // Only the poll brings the change: nothing else invalidates the list.
    expect(await within(table).findByText('Succeeded', {}, { timeout: 5000 })).toBeInTheDocument();
    // The list's observer (the card) now asks for no more polling.
    const list = queryClient.getQueryCache().find({ queryKey: fleetTaskKeys.list(FLEET_ID, LIST_PARAMS) });
    const interval = list?.observers[0]?.options.refetchInterval;
    expect(typeof interval).toBe('function');
    expect(typeof interval === 'function' && list ? interval(list) : interval).toBe(false);
  });

  it('reads the routing again once a waiting task is placed, to show why it went where it did', async () => {
    let tasks = [WAITING];
    let routing: ReturnType<typeof makeRoutingRecord>[] = [];
    serveFleetTasks({ tasks: () => tasks, routing: () => routing });
    renderFleets(`/fleets/${FLEET_ID}?tab=tasks`);
    const table = await screen.findByRole('table', { name: 'Tasks' });
    expect(within(table).getByText(/^Waiting: /)).toBeInTheDocument();

    tasks = [{ ...WAITING, status: 'running', attempt: 1, agentIds: [BOB], waitingReason: null }];
    routing = [{ ...BOB_RECORD, taskId: WAITING.id }];
    expect(await within(table).findByText('least loaded: Bob (in flight 0/2)', {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('keeps the members on the first tab, and the tab in the URL', async () => {
    serveFleetTasks({ tasks: () => [] });
    const { user, router } = renderFleets(`/fleets/${FLEET_ID}`);

    expect(await screen.findByRole('table', { name: 'Members' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Tasks' }));
    await waitFor(() => expect(router.state.location.search).toBe('?tab=tasks'));
    expect(screen.queryByRole('table', { name: 'Members' })).not.toBeInTheDocument();
    expect(await screen.findByText('No tasks yet')).toBeInTheDocument();
  });
});
