import type {
  Agent,
  AgentAdminState,
  AgentAdminStateChangeInput,
  AgentStateChange,
  AgentStateHistoryQuery,
  Page,
} from '@agent-fleet/contracts';
import { notFound } from '../app-error.js';
import type { LiveEvents } from '../live-events.js';
import { decodeCursor, pageAfter } from '../cursor.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { AgentLifecycleRepository } from './agent-lifecycle-repository.js';
import type { AgentRepository } from './agent-repository.js';

const HISTORY_SORT = '-createdAt';
const SYSTEM: AuditActor = { principal: null, ip: null };

export interface AgentLifecycleServiceOptions {
  agents: AgentRepository;
  lifecycle: AgentLifecycleRepository;
  /** Commits a change, its history row and its audit event together. */
  unitOfWork: UnitOfWork;
  /** Now, for drain timeouts; tests move it. Default: the clock. */
  now?: () => Date;
  /** Told of each committed change (`agent.state` on `agent:<id>` and `workspace:<id>`), for live views. Default: nobody. */
  live?: LiveEvents;
}

/**
 * Sets agents' admin states and records every change. `paused` and `disabled` agents take no new work
 * (the task runner refuses it); `draining` ones neither, and become `paused` by themselves once nothing
 * is in flight (checked when a task ends and by a periodic sweep) or at the drain's timeout.
 */
export class AgentLifecycleService {
  private readonly now: () => Date;

  constructor(private readonly options: AgentLifecycleServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async setAdminState(
    workspaceId: string,
    agentId: string,
    input: AgentAdminStateChangeInput,
    actor: AuditActor,
  ): Promise<Agent> {
    const deadline =
      input.adminState === 'draining' && input.timeoutSeconds !== undefined
        ? new Date(this.now().getTime() + input.timeoutSeconds * 1000).toISOString()
        : null;
    const changed = await this.options.unitOfWork.transaction(async (repositories) => {
      if (!(await repositories.agents.findById(workspaceId, agentId))) throw notFound('Agent', agentId);
      const current = await repositories.agentLifecycle.lockAdminState(workspaceId, agentId);
      // Setting the state it has is a no-op, but for a drain given a new timeout.
      if (current.adminState === input.adminState && (input.adminState !== 'draining' || deadline === current.drainDeadline))
        return false;
      await change(repositories, workspaceId, agentId, current.adminState, input.adminState, {
        reason: input.reason,
        actor,
        drainDeadline: deadline,
      });
      return true;
    });
    if (changed) await this.announce(workspaceId, agentId, input.adminState);
    // A drain of an agent with nothing in flight is over at once.
    if (input.adminState === 'draining') await this.settleDrain(workspaceId, agentId);
    const agent = await this.options.agents.findById(workspaceId, agentId);
    if (!agent) throw notFound('Agent', agentId);
    return agent;
  }

  /**
   * Pauses a draining agent once nothing of it is in flight or its timeout has passed; does nothing
   * otherwise. Returns whether it paused it.
   */
  async settleDrain(workspaceId: string, agentId: string): Promise<boolean> {
    // Every task's end asks: one plain read answers for the agents that are not draining, without a transaction.
    if ((await this.options.lifecycle.findAdminState(workspaceId, agentId)).adminState !== 'draining') return false;
    const paused = await this.options.unitOfWork.transaction(async (repositories) => {
      const current = await repositories.agentLifecycle.lockAdminState(workspaceId, agentId);
      if (current.adminState !== 'draining') return false;
      const timedOut = current.drainDeadline !== null && new Date(current.drainDeadline) <= this.now();
      if (!timedOut && (await repositories.agentLifecycle.countInFlight(workspaceId, agentId)) > 0) return false;
      await change(repositories, workspaceId, agentId, 'draining', 'paused', {
        reason: timedOut ? 'The drain timed out with work still in flight' : 'Drained: nothing in flight',
        actor: null,
        drainDeadline: null,
      });
      return true;
    });
    if (paused) await this.announce(workspaceId, agentId, 'paused');
    return paused;
  }

  /** Publishes a committed change. */
  private async announce(workspaceId: string, agentId: string, adminState: AgentAdminState): Promise<void> {
    await this.options.live?.announce(workspaceId, 'agent.state', { agentId, adminState });
  }

  /** Settles every draining agent; the periodic sweep calls it. Returns how many it paused. */
  async sweep(): Promise<number> {
    let paused = 0;
    for (const { workspaceId, agentId } of await this.options.lifecycle.listDraining()) {
      if (await this.settleDrain(workspaceId, agentId)) paused += 1;
    }
    return paused;
  }

  async history(workspaceId: string, agentId: string, query: AgentStateHistoryQuery): Promise<Page<AgentStateChange>> {
    if (!(await this.options.agents.findById(workspaceId, agentId))) throw notFound('Agent', agentId);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, HISTORY_SORT, 'timestamp');
    const { items, ...total } = await this.options.lifecycle.listChanges(workspaceId, agentId, {
      limit: query.limit,
      ...(after ? { after } : {}),
    });
    return { ...pageAfter(items, query.limit, HISTORY_SORT, (row) => row.createdAt), ...total };
  }
}

/** Stores the new state, its history row and its audit event, in the caller's transaction. `actor` null: the system. */
async function change(
  repositories: Repositories,
  workspaceId: string,
  agentId: string,
  fromState: AgentAdminState,
  toState: AgentAdminState,
  how: { reason: string; actor: AuditActor | null; drainDeadline: string | null },
): Promise<void> {
  await repositories.agentLifecycle.setAdminState(workspaceId, agentId, {
    adminState: toState,
    drainDeadline: how.drainDeadline,
  });
  const audit = auditEvent(workspaceId, how.actor ?? SYSTEM, {
    action: 'agent.admin_state_changed',
    targetType: 'agent',
    targetId: agentId,
    metadata: { from: fromState, to: toState, reason: how.reason, automatic: how.actor === null },
  });
  await repositories.agentLifecycle.insertChange({
    workspaceId,
    agentId,
    fromState,
    toState,
    reason: how.reason,
    actorType: how.actor ? audit.actorType : 'system',
    actorId: how.actor ? audit.actorId : null,
    actorLabel: how.actor ? audit.actorLabel : 'system',
    drainDeadline: how.drainDeadline,
  });
  await repositories.audit.insert(how.actor ? audit : { ...audit, actorLabel: 'system' });
}
