import type { FleetTask } from '@agent-fleet/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchFleetTask, fetchFleetTaskTree, fetchFleetTasks, fetchRecentRouting, fleetTaskKeys } from './task-api';
import type { FleetTaskListParams } from './task-list-params';
import { pollWhileOpen } from './task-meta';

/** One page of a fleet's tasks, newest first; refreshed every few seconds while any listed task is open. */
export function useFleetTasks(fleetId: string, params: FleetTaskListParams) {
  return useQuery({
    queryKey: fleetTaskKeys.list(fleetId, params),
    queryFn: ({ signal }) => fetchFleetTasks(fleetId, params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => pollWhileOpen(query.state.data?.items),
  });
}

/** A task with its routing records; refreshed while it is open. Idle without a task id. */
export function useFleetTask(fleetId: string, taskId: string | null) {
  return useQuery({
    queryKey: fleetTaskKeys.detail(fleetId, taskId ?? ''),
    queryFn: ({ signal }) => fetchFleetTask(fleetId, taskId ?? '', signal),
    enabled: taskId !== null,
    refetchInterval: (query) => pollWhileOpen(query.state.data ? [query.state.data] : undefined),
  });
}

/**
 * The latest routing reason of each task placed lately (the fleet's newest routing records), by task id:
 * the "why this agent?" of each row of the task list. `placements` names the listed tasks' placements
 * (`placementsOf`): the records are read again exactly when a listed task is placed or placed again.
 */
export function useRecentRoutingReasons(fleetId: string, placements: string) {
  return useQuery({
    queryKey: fleetTaskKeys.recentRouting(fleetId, placements),
    queryFn: ({ signal }) => fetchRecentRouting(fleetId, signal),
    placeholderData: keepPreviousData,
    // Newest first: the first record of a task is its latest placement.
    select: (page) => {
      const reasons = new Map<string, string>();
      for (const record of page.items) if (!reasons.has(record.taskId)) reasons.set(record.taskId, record.reason);
      return reasons;
    },
  });
}

/** The placements of the listed tasks, as a key: each placed task's id and attempt. */
export const placementsOf = (tasks: readonly Pick<FleetTask, 'id' | 'attempt'>[] | undefined): string =>
  (tasks ?? [])
    .filter((task) => task.attempt > 0)
    .map((task) => `${task.id}:${task.attempt}`)
    .join(',');

/** A task as a waterfall (its placements and delegations); refreshed while the task is open. */
export function useFleetTaskTree(fleetId: string, taskId: string) {
  return useQuery({
    queryKey: fleetTaskKeys.tree(fleetId, taskId),
    queryFn: ({ signal }) => fetchFleetTaskTree(fleetId, taskId, signal),
    refetchInterval: (query) => pollWhileOpen(query.state.data ? [query.state.data.task] : undefined),
  });
}
