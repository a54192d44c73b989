import type { Permission } from '@agent-fleet/contracts';
import {
  AppError,
  notFound,
  type AccessService,
  type AgentService,
  type FleetService,
  type Principal,
  type WorkspaceAccess,
} from '@agent-fleet/core';
import { A2ACaller, type A2ATarget } from './a2a-caller.js';

/** What an A2A request does: read the card, or call the protocol (which runs work or reads tasks). */
export type A2AAction = 'card' | 'call';

/**
 * The permission each action needs on each kind of target: reading an agent's card needs `agents:read`,
 * calling it `agents:execute`; a fleet's, `fleets:read` and `fleets:execute` (as its REST task routes).
 * The route table declares the agent's (every A2A route is checked for it the shared way); a fleet's
 * is checked besides, once the id is known to name a fleet.
 */
export const A2A_PERMISSIONS: Record<A2ATarget['kind'], Record<A2AAction, Permission>> = {
  agent: { card: 'agents:read', call: 'agents:execute' },
  fleet: { card: 'fleets:read', call: 'fleets:execute' },
};

export interface A2ACallerLookup {
  access: AccessService;
  agents: AgentService;
  fleets: FleetService;
}

/**
 * The caller of an authorized A2A request: the agent the id names in the caller's workspace, else the
 * fleet (then the fleet's permission is needed too: 403 without it). An id that names neither: 404.
 */
export async function findA2ACaller(
  lookup: A2ACallerLookup,
  request: { principal: Principal; access: WorkspaceAccess; ip: string | null },
  id: string,
  action: A2AAction,
): Promise<A2ACaller> {
  const target = await findTarget(lookup, request.access.workspaceId, id);
  if (target.kind === 'fleet') lookup.access.authorize(request.access, A2A_PERMISSIONS.fleet[action]);
  return new A2ACaller(request.principal, request.access.workspaceId, target, request.ip);
}

async function findTarget({ agents, fleets }: A2ACallerLookup, workspaceId: string, id: string): Promise<A2ATarget> {
  try {
    return { kind: 'agent', agent: await agents.get(workspaceId, id) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
  }
  try {
    return { kind: 'fleet', fleet: await fleets.get(workspaceId, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound('Agent or fleet', id);
    throw error;
  }
}
