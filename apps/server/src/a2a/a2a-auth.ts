import { WORKSPACE_HEADER, type Permission } from '@agent-fleet/contracts';
import { AppError, notFound, type AccessService, type AgentService } from '@agent-fleet/core';
import type { Request, RequestHandler, Response } from 'express';
import { A2ACaller } from './a2a-caller.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reading the card needs `agents:read`; every protocol call (it runs the agent or reads its tasks) `agents:execute`. */
export const A2A_CARD_PERMISSION: Permission = 'agents:read';
export const A2A_CALL_PERMISSION: Permission = 'agents:execute';

/**
 * Authenticates an A2A request as the REST API does (`Authorization: Bearer <API key | access token>`,
 * `X-Workspace-Id` for a user of several workspaces), authorizes it and finds the agent in the caller's
 * workspace. No credentials: 401; a role without the permission: 403; an agent of another workspace,
 * or none: 404. Failures go to the app's error translator as problem+json.
 */
export function a2aAuthentication(
  access: AccessService,
  agents: AgentService,
  permissionFor: (req: Request) => Permission,
): RequestHandler<{ agentId: string }> {
  return async (req, res, next) => {
    const principal = await access.authenticate(req.headers.authorization);
    const requested = req.get(WORKSPACE_HEADER);
    const workspace = await access.resolveWorkspace(
      principal,
      requested === undefined || requested === '' ? undefined : requested,
    );
    access.authorize(workspace, permissionFor(req));
    const { agentId } = req.params;
    if (!UUID.test(agentId)) throw notFound('Agent', agentId.slice(0, 100));
    const agent = await agents.get(workspace.workspaceId, agentId);
    res.locals['a2aCaller'] = new A2ACaller(principal, workspace.workspaceId, agent, req.ip ?? null);
    next();
  };
}

/** The caller `a2aAuthentication` found for this request. */
export function requestCaller(res: Response): A2ACaller {
  const caller: unknown = res.locals['a2aCaller'];
  if (!(caller instanceof A2ACaller)) throw new AppError('unauthorized', 'Send an API key as "Authorization: Bearer …"');
  return caller;
}
