import { WORKSPACE_HEADER, type Permission } from '@agent-fleet/contracts';
import {
  AppError,
  notFound,
  type AccessService,
  type AgentService,
  type FleetService,
  type WorkspaceAccess,
} from '@agent-fleet/core';
import type { Request, RequestHandler, Response } from 'express';
import { A2ACaller, type A2ATarget } from './a2a-caller.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an A2A request does: read the card, or call the protocol (which runs work or reads tasks). */
export type A2AAction = 'card' | 'call';

/**
 * The permission each action needs on each kind of target: reading an agent's card needs `agents:read`,
 * calling it `agents:execute`; a fleet's, `fleets:read` and `fleets:execute` (as its REST task routes).
 */
export const A2A_PERMISSIONS: Record<A2ATarget['kind'], Record<A2AAction, Permission>> = {
  agent: { card: 'agents:read', call: 'agents:execute' },
  fleet: { card: 'fleets:read', call: 'fleets:execute' },
};
export const A2A_CARD_PERMISSION: Permission = A2A_PERMISSIONS.agent.card;
export const A2A_CALL_PERMISSION: Permission = A2A_PERMISSIONS.agent.call;

/**
 * Authenticates an A2A request as the REST API does (`Authorization: Bearer <API key | access token>`,
 * `X-Workspace-Id` for a user of several workspaces), finds the agent or fleet the id names in the
 * caller's workspace and authorizes the action on it. No credentials: 401; a role that may do the
 * action on neither agents nor fleets: 403 (before anything is looked up); an id that names neither in
 * the workspace: 404; a role without the permission for what it names: 403. Failures go to the app's
 * error translator as problem+json.
 */
export function a2aAuthentication(
  access: AccessService,
  agents: AgentService,
  fleets: FleetService,
  actionOf: (req: Request) => A2AAction,
): RequestHandler<{ targetId: string }> {
  return async (req, res, next) => {
    const principal = await access.authenticate(req.headers.authorization);
    const requested = req.get(WORKSPACE_HEADER);
    const workspace = await access.resolveWorkspace(
      principal,
      requested === undefined || requested === '' ? undefined : requested,
    );
    const action = actionOf(req);
    try {
      access.authorize(workspace, A2A_PERMISSIONS.agent[action]);
    } catch (refused) {
      // Neither: refused as for an agent, what most ids name.
      if (!mayDo(access, workspace, A2A_PERMISSIONS.fleet[action])) throw refused;
    }
    const { targetId } = req.params;
    if (!UUID.test(targetId)) throw notFound('Agent', targetId.slice(0, 100));
    const target = await findTarget(agents, fleets, workspace.workspaceId, targetId);
    access.authorize(workspace, A2A_PERMISSIONS[target.kind][action]);
    res.locals['a2aCaller'] = new A2ACaller(principal, workspace.workspaceId, target, req.ip ?? null);
    next();
  };
}

/** The agent the id names in the workspace, else the fleet; 404 (as an agent) when it names neither. */
async function findTarget(agents: AgentService, fleets: FleetService, workspaceId: string, id: string): Promise<A2ATarget> {
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

function mayDo(access: AccessService, workspace: WorkspaceAccess, permission: Permission): boolean {
  try {
    access.authorize(workspace, permission);
    return true;
  } catch {
    return false;
  }
}

/** The caller `a2aAuthentication` found for this request. */
export function requestCaller(res: Response): A2ACaller {
  const caller: unknown = res.locals['a2aCaller'];
  if (!(caller instanceof A2ACaller)) throw new AppError('unauthorized', 'Send an API key as "Authorization: Bearer …"');
  return caller;
}
