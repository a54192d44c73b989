import type { ServerCallContext, User } from '@a2a-js/sdk/server';
import type { Agent } from '@agent-fleet/contracts';
import type { AuditActor, Principal } from '@agent-fleet/core';
import type { A2AScope } from '@agent-fleet/db';

/**
 * Who calls over A2A and which agent they call, checked before the SDK sees the request (a2a-auth.ts).
 * The SDK hands it, as the call's `User`, to the task store and the executor, which take their scope
 * from it and from nothing the client sent.
 */
export class A2ACaller implements User {
  constructor(
    readonly principal: Principal,
    readonly workspaceId: string,
    readonly agent: Agent,
    /** The client's address, for audit lines. */
    readonly ip: string | null,
  ) {}

  readonly isAuthenticated = true;

  /**
   * The owner the SDK keys its in-process event buses and task locks by: the agent of the workspace,
   * not the credential, so every key of the workspace reaches the agent's tasks (as the REST API does).
   */
  get userName(): string {
    return `${this.workspaceId}/${this.agent.id}`;
  }

  get actor(): AuditActor {
    return { principal: this.principal, ip: this.ip };
  }

  get scope(): A2AScope {
    return { workspaceId: this.workspaceId, agentId: this.agent.id };
  }
}

/** The caller of an A2A call; every call the router lets through has one. */
export function callerOf(context: ServerCallContext): A2ACaller {
  const { user } = context;
  if (!(user instanceof A2ACaller)) throw new Error('An A2A call reached the server without an authenticated caller');
  return user;
}
