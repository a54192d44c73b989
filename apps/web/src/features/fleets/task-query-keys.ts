import type { FleetTaskListParams } from './task-list-params';

/** Query keys of one fleet's tasks: a submit or cancel invalidates `all(fleetId)`, lists and details at once. Alone in this file, so the live cache (lib/realtime) imports them without the API. */
export const fleetTaskKeys = {
  all: (fleetId: string) => ['fleets', 'tasks', fleetId] as const,
  list: (fleetId: string, params: FleetTaskListParams) => [...fleetTaskKeys.all(fleetId), 'list', params] as const,
  detail: (fleetId: string, taskId: string) => [...fleetTaskKeys.all(fleetId), 'detail', taskId] as const,
  tree: (fleetId: string, taskId: string) => [...fleetTaskKeys.all(fleetId), 'tree', taskId] as const,
  recentRouting: (fleetId: string, placements: string) => [...fleetTaskKeys.all(fleetId), 'routing', placements] as const,
};
