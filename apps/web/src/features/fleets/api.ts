import type {
  FleetAdminStateChange,
  FleetCreate,
  FleetMemberCreate,
  FleetMemberUpdate,
  FleetUpdate,
} from '@agent-fleet/contracts';
import { api } from '../../lib/api-client';
import type { FleetListParams } from './list-params';
import { fleetKeys } from './query-keys';

export const fetchFleets = (params: FleetListParams, signal?: AbortSignal) =>
  api('listFleets', {
    query: {
      q: params.q,
      adminState: params.adminState.length > 0 ? params.adminState.join(',') : undefined,
      limit: params.limit,
      cursor: params.cursor,
    },
    signal,
  });

export const fetchFleet = (id: string, signal?: AbortSignal) => api('getFleet', { params: { id }, signal });

export const createFleet = (body: FleetCreate) => api('createFleet', { body });

export interface UpdateFleetVariables {
  id: string;
  /** The version the user edited; the server answers 412 if the fleet changed since. */
  version: number;
  patch: FleetUpdate;
}

export const updateFleet = ({ id, version, patch }: UpdateFleetVariables) =>
  api('updateFleet', { params: { id }, body: patch, headers: { 'if-match': `"${version}"` } });

export interface DeleteFleetVariables {
  id: string;
  version: number;
}

export const deleteFleet = ({ id, version }: DeleteFleetVariables) =>
  api('deleteFleet', { params: { id }, headers: { 'if-match': `"${version}"` } });

export const setFleetAdminState = ({ id, ...body }: FleetAdminStateChange & { id: string }) =>
  api('setFleetAdminState', { params: { id }, body });

export const addFleetMember = ({ id, member }: { id: string; member: FleetMemberCreate }) =>
  api('addFleetMember', { params: { id }, body: member });

export interface UpdateFleetMemberVariables {
  id: string;
  agentId: string;
  patch: FleetMemberUpdate;
}

export const updateFleetMember = ({ id, agentId, patch }: UpdateFleetMemberVariables) =>
  api('updateFleetMember', { params: { id, agentId }, body: patch });

export const removeFleetMember = ({ id, agentId }: { id: string; agentId: string }) =>
  api('removeFleetMember', { params: { id, agentId } });

export { fleetKeys };
