import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchFleetTask, fetchFleetTasks, fetchRecentRouting, fleetTaskKeys } from './task-api';
import type { FleetTaskListParams } from './task-list-params';
import { pollWhileOpen, TASK_POLL_MS } from './task-meta';

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
 * the "why this agent?" of each row of the task list. Polled along with a list that shows open tasks.
 */
export function useRecentRoutingReasons(fleetId: string, poll: boolean) {
  return useQuery({
    queryKey: fleetTaskKeys.recentRouting(fleetId),
    queryFn: ({ signal }) => fetchRecentRouting(fleetId, signal),
    // Newest first: the first record of a task is its latest placement.
    select: (page) => {
      const reasons = new Map<string, string>();
      for (const record of page.items) if (!reasons.has(record.taskId)) reasons.set(record.taskId, record.reason);
      return reasons;
    },
    refetchInterval: poll ? TASK_POLL_MS : false,
  });
}
