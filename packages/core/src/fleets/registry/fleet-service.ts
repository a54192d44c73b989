import {
  MAX_FLEET_MEMBERS,
  type FieldError,
  type Fleet,
  type FleetAdminState,
  type FleetCreateInput,
  type FleetDetail,
  type FleetListQuery,
  type FleetMember,
  type FleetMemberCreateInput,
  type FleetMemberUpdateInput,
  type FleetUpdateInput,
  type Page,
} from '@agent-fleet/contracts';
import type { VersionCheck } from '../../agents/agent-service.js';
import { AppError, notFound } from '../../app-error.js';
import { decodeCursor, pageAfter } from '../../cursor.js';
import type { LiveEvents } from '../../live-events.js';
import { auditEvent, type AuditActor } from '../../security/audit-service.js';
import type { Repositories, UnitOfWork } from '../../unit-of-work.js';
import { fleetReadinessIssues } from './fleet-readiness.js';
import type { FleetChanges, FleetRepository } from './fleet-repository.js';

export interface FleetServiceDependencies {
  /** Reads outside a transaction. */
  fleets: FleetRepository;
  /** Commits each change with its audit event. */
  unitOfWork: UnitOfWork;
  /** Told after a fleet is set `active`, so its waiting tasks are placed at once. Default: nothing. */
  onActivated?: (fleetId: string) => Promise<void>;
  /** Told of each committed change (`fleet.*`), for live views. Default: nobody. */
  live?: LiveEvents;
}

/**
 * The fleet registry: fleets (strategy, admin state, capacity, limits) and their members. Every write
 * and its audit event commit together; a write that would leave a fleet that takes work without the
 * members its strategy needs (see `fleetReadinessIssues`) is refused with 409 `conflict`.
 */
export class FleetService {
  constructor(private readonly deps: FleetServiceDependencies) {}

  async list(workspaceId: string, query: FleetListQuery): Promise<Page<Fleet>> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 'name', 'text');
    const { items, total } = await this.deps.fleets.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    return { ...pageAfter(items, query.limit, 'name', (fleet) => fleet.name.toLowerCase()), total };
  }

  async get(workspaceId: string, id: string): Promise<FleetDetail> {
    const fleet = await this.deps.fleets.findById(workspaceId, id);
    if (!fleet) throw notFound('Fleet', id);
    return { ...fleet, members: await this.deps.fleets.listMembers(workspaceId, id) };
  }

  /**
   * Creates a fleet without members. Without an explicit `adminState` it starts `active`, or `paused`
   * when its strategy needs a member it cannot have yet; an explicit `active` then is a 409.
   */
  async create(workspaceId: string, input: FleetCreateInput, actor: AuditActor): Promise<FleetDetail> {
    const issues = fleetReadinessIssues(input.strategy, []);
    const adminState = input.adminState ?? (issues.length > 0 ? 'paused' : 'active');
    if (adminState !== 'paused') assertReady(issues, 'Create it paused, add the members, then set it active.');
    const created = await this.deps.unitOfWork.transaction(async ({ fleets, audit }) => {
      const fleet = await fleets.insert(workspaceId, { ...input, adminState });
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'fleet.created',
          targetType: 'fleet',
          targetId: fleet.id,
          metadata: { name: fleet.name, strategy: fleet.strategy.type, adminState },
        }),
      );
      return { ...fleet, members: [] };
    });
    await this.deps.live?.announce(workspaceId, 'fleet.created', { fleetId: created.id });
    return created;
  }

  /** Fields present replace theirs; `limits` fields present replace theirs. Honours If-Match or `version`. */
  async update(
    workspaceId: string,
    id: string,
    input: FleetUpdateInput,
    actor: AuditActor,
    check?: VersionCheck,
  ): Promise<FleetDetail> {
    const { version: bodyVersion, limits, ...rest } = input;
    const expected = expectedVersion(check, bodyVersion);
    const updated = await this.deps.unitOfWork.transaction(async (repositories) => {
      const { fleets, audit } = repositories;
      const current = await requireFleet(fleets, workspaceId, id);
      const changes: FleetChanges = { ...rest, ...(limits ? { limits: { ...current.limits, ...limits } } : {}) };
      const updated = await fleets.update(workspaceId, id, changes, expected?.version);
      if (!updated) throw versionMismatch(expected?.source ?? 'body', current.version);
      const members = await fleets.listMembers(workspaceId, id);
      if (updated.adminState !== 'paused') {
        assertReady(fleetReadinessIssues(updated.strategy, members), 'Pause the fleet to change its strategy first.');
      }
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'fleet.updated',
          targetType: 'fleet',
          targetId: id,
          metadata: {
            name: updated.name,
            fields: Object.keys(input)
              .filter((field) => field !== 'version')
              .sort(),
          },
        }),
      );
      return { ...updated, members };
    });
    await this.deps.live?.announce(workspaceId, 'fleet.updated', { fleetId: id });
    return updated;
  }

  /** Deletes the fleet and its memberships (the agents stay). */
  async delete(workspaceId: string, id: string, actor: AuditActor, check?: VersionCheck): Promise<void> {
    await this.deps.unitOfWork.transaction(async ({ fleets, audit }) => {
      const fleet = await requireFleet(fleets, workspaceId, id);
      if (!(await fleets.delete(workspaceId, id, check?.version))) {
        throw versionMismatch(check?.source ?? 'if-match', fleet.version);
      }
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'fleet.deleted',
          targetType: 'fleet',
          targetId: id,
          metadata: { name: fleet.name, members: fleet.memberCount },
        }),
      );
    });
    await this.deps.live?.announce(workspaceId, 'fleet.deleted', { fleetId: id });
  }

  /**
   * Pause, drain or resume (docs/fleets.md, "Capacity, pausing and draining"): placement reads the state.
   * A fleet is set `active` or `draining` only when its members suffice for its strategy.
   */
  async setAdminState(
    workspaceId: string,
    id: string,
    change: { adminState: FleetAdminState; reason: string },
    actor: AuditActor,
  ): Promise<FleetDetail> {
    const fleet = await this.changeAdminState(workspaceId, id, change, actor);
    await this.deps.live?.announce(workspaceId, 'fleet.updated', { fleetId: id });
    if (fleet.adminState === 'active') await this.deps.onActivated?.(id).catch(() => undefined);
    return fleet;
  }

  private async changeAdminState(
    workspaceId: string,
    id: string,
    change: { adminState: FleetAdminState; reason: string },
    actor: AuditActor,
  ): Promise<FleetDetail> {
    return this.deps.unitOfWork.transaction(async ({ fleets, audit }) => {
      const current = await requireFleet(fleets, workspaceId, id);
      const updated =
        current.adminState === change.adminState ? null : await fleets.update(workspaceId, id, { adminState: change.adminState });
      const members = await fleets.listMembers(workspaceId, id);
      if (!updated) return { ...current, members };
      if (change.adminState !== 'paused') {
        assertReady(fleetReadinessIssues(updated.strategy, members), 'Add the members it needs first.');
      }
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'fleet.admin_state_changed',
          targetType: 'fleet',
          targetId: id,
          metadata: { name: updated.name, from: current.adminState, to: change.adminState, reason: change.reason },
        }),
      );
      return { ...updated, members };
    });
  }

  async listMembers(workspaceId: string, fleetId: string): Promise<{ items: FleetMember[] }> {
    await this.get(workspaceId, fleetId);
    return { items: await this.deps.fleets.listMembers(workspaceId, fleetId) };
  }

  /** Adds an agent of the workspace to the fleet; the fleet's version moves. */
  async addMember(workspaceId: string, fleetId: string, input: FleetMemberCreateInput, actor: AuditActor): Promise<FleetMember> {
    return this.changeMembers(workspaceId, fleetId, input.agentId, actor, async (repositories, fleet, members) => {
      if (members.some((member) => member.agentId === input.agentId)) {
        throw new AppError('conflict', `Agent ${input.agentId} is already a member of this fleet`, {
          errors: [{ path: 'agentId', message: 'Already a member; update it instead', code: 'already_member' }],
        });
      }
      if (members.length >= MAX_FLEET_MEMBERS) {
        throw new AppError('conflict', `A fleet holds at most ${MAX_FLEET_MEMBERS} members`);
      }
      const agent = await repositories.agents.findById(workspaceId, input.agentId);
      if (!agent) {
        throw new AppError('validation_failed', 'The request has invalid fields', {
          errors: [{ path: 'agentId', message: `No agent ${input.agentId} in this workspace`, code: 'unknown_agent' }],
        });
      }
      assertDelegates(input.agentId, input.allowedDelegates, members);
      await repositories.fleets.insertMember(workspaceId, fleetId, input);
      return {
        member: input.agentId,
        after: [...members, { agentId: input.agentId, role: input.role }],
        action: 'fleet.member_added' as const,
        metadata: { name: fleet.name, agentId: input.agentId, agentName: agent.name, role: input.role },
        hint: 'Pause the fleet to change its members freely.',
      };
    });
  }

  /** Fields present replace their stored values; the fleet's version moves. */
  async updateMember(
    workspaceId: string,
    fleetId: string,
    agentId: string,
    input: FleetMemberUpdateInput,
    actor: AuditActor,
  ): Promise<FleetMember> {
    return this.changeMembers(workspaceId, fleetId, agentId, actor, async (repositories, fleet, members) => {
      const member = members.find((candidate) => candidate.agentId === agentId);
      if (!member) throw notFound('Member', agentId);
      if (input.allowedDelegates) assertDelegates(agentId, input.allowedDelegates, members);
      await repositories.fleets.updateMember(workspaceId, fleetId, agentId, input);
      return {
        member: agentId,
        after: members.map((candidate) =>
          candidate.agentId === agentId ? { ...candidate, role: input.role ?? candidate.role } : candidate,
        ),
        action: 'fleet.member_updated' as const,
        metadata: { name: fleet.name, agentId, agentName: member.agentName, fields: Object.keys(input).sort() },
        hint: 'Pause the fleet, or give the role to another member first.',
      };
    });
  }

  /** Removes the member (and it from the others' `allowedDelegates`); the agent stays. */
  async removeMember(workspaceId: string, fleetId: string, agentId: string, actor: AuditActor): Promise<void> {
    await this.changeMembers(workspaceId, fleetId, agentId, actor, async (repositories, fleet, members) => {
      const member = members.find((candidate) => candidate.agentId === agentId);
      if (!member || !(await repositories.fleets.deleteMember(workspaceId, fleetId, agentId))) throw notFound('Member', agentId);
      return {
        member: null as null,
        after: members.filter((candidate) => candidate.agentId !== agentId),
        action: 'fleet.member_removed' as const,
        metadata: { name: fleet.name, agentId, agentName: member.agentName, role: member.role },
        hint: 'Pause the fleet, or add another member with that role first.',
      };
    });
  }

  /**
   * One member change: the fleet's row is bumped first (its version moves, and concurrent changes of
   * the same fleet wait for this one), then `change` runs against the current members, then the fleet
   * must still suffice for its strategy unless it is paused.
   */
  private async changeMembers<M extends string | null>(
    workspaceId: string,
    fleetId: string,
    agentId: string,
    actor: AuditActor,
    change: (
      repositories: Repositories,
      fleet: Fleet,
      members: FleetMember[],
    ) => Promise<{
      /** The member to answer with; null when it was removed. */
      member: M;
      after: { agentId: string; role: FleetMember['role'] }[];
      action: 'fleet.member_added' | 'fleet.member_updated' | 'fleet.member_removed';
      metadata: Record<string, unknown>;
      hint: string;
    }>,
  ): Promise<M extends string ? FleetMember : null> {
    type Result = M extends string ? FleetMember : null;
    const result = await this.deps.unitOfWork.transaction(async (repositories): Promise<Result> => {
      const { fleets, audit } = repositories;
      const fleet = await fleets.update(workspaceId, fleetId, {});
      if (!fleet) throw notFound('Fleet', fleetId);
      const members = await fleets.listMembers(workspaceId, fleetId);
      const outcome = await change(repositories, fleet, members);
      if (fleet.adminState !== 'paused') assertReady(fleetReadinessIssues(fleet.strategy, outcome.after), outcome.hint);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: outcome.action,
          targetType: 'fleet',
          targetId: fleetId,
          metadata: outcome.metadata,
        }),
      );
      if (outcome.member === null) return null as Result;
      const saved = (await fleets.listMembers(workspaceId, fleetId)).find((member) => member.agentId === outcome.member);
      if (!saved) throw new Error('saved fleet member vanished');
      return saved as Result;
    });
    await this.deps.live?.announce(workspaceId, 'fleet.members', { fleetId, agentId });
    return result;
  }
}

async function requireFleet(fleets: FleetRepository, workspaceId: string, id: string): Promise<Fleet> {
  const fleet = await fleets.findById(workspaceId, id);
  if (!fleet) throw notFound('Fleet', id);
  return fleet;
}

/** Delegates are other members of the same fleet. */
function assertDelegates(agentId: string, delegates: string[], members: FleetMember[]): void {
  const errors: FieldError[] = [];
  for (const [index, delegate] of delegates.entries()) {
    const path = `allowedDelegates.${index}`;
    if (delegate === agentId) errors.push({ path, message: 'A member cannot delegate to itself', code: 'self_delegate' });
    else if (!members.some((member) => member.agentId === delegate)) {
      errors.push({ path, message: `Agent ${delegate} is not a member of this fleet`, code: 'not_a_member' });
    }
  }
  if (errors.length > 0) throw new AppError('validation_failed', 'The request has invalid fields', { errors });
}

function assertReady(issues: FieldError[], hint: string): void {
  if (issues.length === 0) return;
  throw new AppError('conflict', `${issues.map((issue) => issue.message).join('; ')}. ${hint}`, { errors: issues });
}

function expectedVersion(check: VersionCheck | undefined, bodyVersion: number | undefined): VersionCheck | undefined {
  if (check && bodyVersion !== undefined && bodyVersion !== check.version) {
    throw new AppError('validation_failed', 'The body version and the If-Match header disagree', {
      errors: [{ path: 'version', message: `Expected ${check.version} as in If-Match`, code: 'mismatch' }],
    });
  }
  return check ?? (bodyVersion === undefined ? undefined : { source: 'body', version: bodyVersion });
}

function versionMismatch(source: VersionCheck['source'], currentVersion: number): AppError {
  const message = `The fleet was changed by someone else; its current version is ${currentVersion}. Reload and retry.`;
  return source === 'if-match' ? new AppError('precondition_failed', message) : new AppError('version_conflict', message);
}
