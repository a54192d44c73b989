import type { BuiltInRole, FleetRoutingRecord, FleetTask, FleetTaskDetail } from '@agent-fleet/contracts';
import { json, type MockHandler, type RecordedRequest } from '../../../test/mock-fetch';
import { FLEET_ID } from './fleet-fixtures';
import { page, twoMemberFleet } from './fleet-task-fixtures';
import { serveFleets } from './render-fleets';

export const FLEET_PATH = `/api/v1/fleets/${FLEET_ID}`;

export interface FleetTasksServer {
  /** What `GET …/tasks` answers; read on every request, so a test can change it. */
  tasks: () => FleetTask[];
  routing?: () => FleetRoutingRecord[];
  detail?: () => FleetTaskDetail;
  /** Answers the writes (submit, cancel); default 404. */
  write?: MockHandler;
}

/** The fake server of the task tests: the two-member fleet, its task list, routing and one task's detail. */
export function serveFleetTasks(server: FleetTasksServer, role: BuiltInRole = 'owner') {
  return serveFleets((request: RecordedRequest) => {
    const path = request.url.pathname;
    if (request.method !== 'GET') return server.write ? server.write(request) : json({}, { status: 404 });
    if (path === `${FLEET_PATH}/tasks`) return json(page(server.tasks()));
    if (path === `${FLEET_PATH}/routing`) return json(page(server.routing?.() ?? []));
    if (path.startsWith(`${FLEET_PATH}/tasks/`) && server.detail) return json(server.detail());
    return json(twoMemberFleet());
  }, role);
}

export const requestsTo = (requests: RecordedRequest[], method: string, path: string) =>
  requests.filter((request) => request.method === method && request.url.pathname === path);
