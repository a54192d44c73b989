import type { FleetTaskSubmit } from '@agent-fleet/contracts';
import { api } from '../../lib/api-client';
import type { FleetTaskListParams } from './task-list-params';
import { fleetTaskKeys } from './task-query-keys';

/** The API's largest page: the routing records of the latest placements, to give each listed task its reason. */
export const RECENT_ROUTING_LIMIT = 100;

export const fetchFleetTasks = (fleetId: string, params: FleetTaskListParams, signal?: AbortSignal) =>
  api('listFleetTasks', {
    params: { id: fleetId },
    query: { status: params.status, limit: params.limit, cursor: params.cursor },
    signal,
  });

export const fetchFleetTask = (fleetId: string, taskId: string, signal?: AbortSignal) =>
  api('getFleetTask', { params: { id: fleetId, taskId }, signal });

export const fetchRecentRouting = (fleetId: string, signal?: AbortSignal) =>
  api('listFleetRouting', { params: { id: fleetId }, query: { limit: RECENT_ROUTING_LIMIT }, signal });

export const submitFleetTask = ({ fleetId, task }: { fleetId: string; task: FleetTaskSubmit }) =>
  api('submitFleetTask', { params: { id: fleetId }, body: task });

export const cancelFleetTask = ({ fleetId, taskId }: { fleetId: string; taskId: string }) =>
  api('cancelFleetTask', { params: { id: fleetId, taskId } });

export const fetchFleetTaskTree = (fleetId: string, taskId: string, signal?: AbortSignal) =>
  api('getFleetTaskTree', { params: { id: fleetId, taskId }, signal });

export { fleetTaskKeys };
