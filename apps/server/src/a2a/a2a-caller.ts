import type { ServerCallContext, User } from '@a2a-js/sdk/server';
import type { Agent, FleetDetail } from '@agent-fleet/contracts';
import type { AuditActor, Principal } from '@agent-fleet/core';
import type { A2AAgentScope, A2AScope } from '@agent-fleet/db';

/** What an A2A call reaches: one agent, or one fleet (whose tasks are placed on its members). */
export type A2ATarget = { kind: 'agent'; agent: Agent } | { kind: 'fleet'; fleet: FleetDetail };

/**
 * Who calls over A2A and which agent or fleet they call, checked before the SDK sees the request
 * (a2a-auth.ts). The SDK hands it, as the call's `User`, to the task store and the executor, which take
 * their scope from it and from nothing the client sent.
 */
export class A2ACaller implements User {
  constructor(
    readonly principal: Principal,
    readonly workspaceId: string,
    readonly target: A2ATarget,
    /** The client's address, for audit lines. */
    readonly ip: string | null,
  ) {}

  readonly isAuthenticated = true;

  /** The agent called; only agent calls reach the code that asks. */
  get agent(): Agent {
    if (this.target.kind !== 'agent') throw new Error('An A2A fleet call reached code meant for an agent');
    return this.target.agent;
  }

  /** The fleet called; only fleet calls reach the code that asks. */
  get fleet(): FleetDetail {
    if (this.target.kind !== 'fleet') throw new Error('An A2A agent call reached code meant for a fleet');
    return this.target.fleet;
  }

  private get targetId(): string {
    return this.target.kind === 'agent' ? this.target.agent.id : this.target.fleet.id;
  }

  /**
   * The owner the SDK keys its in-process event buses and task locks by: the agent (or fleet) of the
   * workspace, not the credential, so every key of the workspace reaches its tasks (as the REST API does).
   */
  get userName(): string {
    return `${this.workspaceId}/${this.targetId}`;
  }

  get actor(): AuditActor {
    return { principal: this.principal, ip: this.ip };
  }

  get scope(): A2AScope {
    return this.target.kind === 'agent'
      ? { workspaceId: this.workspaceId, agentId: this.target.agent.id }
      : { workspaceId: this.workspaceId, fleetId: this.target.fleet.id };
  }

  get agentScope(): A2AAgentScope {
    return { workspaceId: this.workspaceId, agentId: this.agent.id };
  }
}

/** The caller of an A2A call; every call the router lets through has one. */
export function callerOf(context: ServerCallContext): A2ACaller {
  const { user } = context;
  if (!(user instanceof A2ACaller)) throw new Error('An A2A call reached the server without an authenticated caller');
  return user;
}
