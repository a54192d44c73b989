import type { Fleet, FleetMember, FleetMemberCreateInput, FleetMemberUpdateInput, PageTotal } from '@agent-fleet/contracts';
import { AppError, type FleetChanges, type FleetInsert, type FleetListOptions, type FleetRepository } from '@agent-fleet/core';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { fleetMembers, fleets } from './fleet-schema.js';
import { containsPattern } from './like.js';
import { pageTotal } from './page-total.js';
import { isUniqueViolation } from './pg-errors.js';
import { agentColumns } from './agent-repository.js';
import { agents } from './schema.js';

type FleetRow = typeof fleets.$inferSelect;

// Written out: inside a select list Drizzle leaves columns unqualified, which would bind to the inner table.
const memberCount = sql<number>`(select count(*)::int from fleet_members fm where fm.fleet_id = "fleets"."id")`.mapWith(Number);

/** Running tasks of the member's fleet that hold the member: its capacity in use. */
const memberInFlight = sql<number>`(select count(*)::int from fleet_tasks t
  where t.fleet_id = "fleet_members"."fleet_id" and t.status = 'running'
    and "fleet_members"."agent_id" = any(t.agent_ids))`.mapWith(Number);

const toFleet = ({ workspaceId: _workspaceId, strategyState: _strategyState, ...row }: FleetRow, members: number): Fleet => ({
  ...row,
  memberCount: members,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const nameTaken = (name: string, cause: unknown) =>
  new AppError('name_taken', `A fleet named "${name}" already exists in this workspace`, {
    cause,
    errors: [{ path: 'name', message: 'This name is already used by another fleet', code: 'name_taken' }],
  });

/** A foreign-key violation (23503) of the named constraint, from node-postgres or PGlite, possibly wrapped by Drizzle. */
function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  for (
    let current: unknown = error;
    typeof current === 'object' && current !== null;
    current = (current as { cause?: unknown }).cause
  ) {
    const candidate = current as { code?: unknown; constraint?: unknown; message?: unknown };
    if (candidate.code === '23503') return candidate.constraint === constraint || String(candidate.message).includes(constraint);
    if (!('cause' in current)) return false;
  }
  return false;
}

export class DrizzleFleetRepository implements FleetRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string, options: FleetListOptions): Promise<{ items: Fleet[] } & PageTotal> {
    const filters: SQL[] = [eq(fleets.workspaceId, workspaceId)];
    if (options.adminState?.length) filters.push(inArray(fleets.adminState, options.adminState));
    if (options.q) {
      const pattern = containsPattern(options.q);
      filters.push(sql`(${fleets.name} ilike ${pattern} escape '\\' or ${fleets.description} ilike ${pattern} escape '\\')`);
    }
    const page = [...filters];
    if (options.after) {
      page.push(sql`(lower(${fleets.name}), ${fleets.id}) > (${options.after.value}::text, ${options.after.id}::uuid)`);
    }
    const rows = await this.db
      .select({ row: fleets, members: memberCount })
      .from(fleets)
      .where(and(...page))
      .orderBy(asc(sql`lower(${fleets.name})`), asc(fleets.id))
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, fleets, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: false,
    });
    return { items: rows.map(({ row, members }) => toFleet(row, members)), ...total };
  }

  async findById(workspaceId: string, id: string): Promise<Fleet | null> {
    const [found] = await this.db
      .select({ row: fleets, members: memberCount })
      .from(fleets)
      .where(and(eq(fleets.workspaceId, workspaceId), eq(fleets.id, id)));
    return found ? toFleet(found.row, found.members) : null;
  }

  async insert(workspaceId: string, input: FleetInsert): Promise<Fleet> {
    try {
      const [row] = await this.db
        .insert(fleets)
        .values({ ...input, workspaceId })
        .returning();
      return toFleet(row as FleetRow, 0);
    } catch (error) {
      if (isUniqueViolation(error, 'fleets_workspace_name_key')) throw nameTaken(input.name, error);
      throw error;
    }
  }

  async update(workspaceId: string, id: string, changes: FleetChanges, expectedVersion?: number): Promise<Fleet | null> {
    const conditions = [eq(fleets.workspaceId, workspaceId), eq(fleets.id, id)];
    if (expectedVersion !== undefined) conditions.push(eq(fleets.version, expectedVersion));
    try {
      const [row] = await this.db
        .update(fleets)
        .set({ ...changes, version: sql`${fleets.version} + 1`, updatedAt: sql`now()` })
        .where(and(...conditions))
        .returning();
      if (!row) return null;
      const [counted] = await this.db
        .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(fleetMembers)
        .where(eq(fleetMembers.fleetId, id));
      return toFleet(row, counted?.n ?? 0);
    } catch (error) {
      if (isUniqueViolation(error, 'fleets_workspace_name_key')) throw nameTaken(changes.name ?? '', error);
      throw error;
    }
  }

  async delete(workspaceId: string, id: string, expectedVersion?: number): Promise<boolean> {
    const conditions = [eq(fleets.workspaceId, workspaceId), eq(fleets.id, id)];
    if (expectedVersion !== undefined) conditions.push(eq(fleets.version, expectedVersion));
    const deleted = await this.db
      .delete(fleets)
      .where(and(...conditions))
      .returning({ id: fleets.id });
    return deleted.length > 0;
  }

  async listMembers(workspaceId: string, fleetId: string): Promise<FleetMember[]> {
    const rows = await this.db
      .select({
        member: fleetMembers,
        agentName: agents.name,
        adminState: agentColumns.adminState,
        observedState: agentColumns.observedState,
        inFlight: memberInFlight,
      })
      .from(fleetMembers)
      .innerJoin(agents, eq(agents.id, fleetMembers.agentId))
      .where(and(eq(fleetMembers.workspaceId, workspaceId), eq(fleetMembers.fleetId, fleetId)))
      .orderBy(asc(fleetMembers.createdAt), asc(fleetMembers.agentId));
    const current = new Set(rows.map(({ member }) => member.agentId));
    return rows.map(({ member: { workspaceId: _workspaceId, ...member }, agentName, adminState, observedState, inFlight }) => ({
      ...member,
      agentName,
      adminState,
      observedState,
      inFlight,
      // An agent deleted meanwhile left the fleet by cascade; it is no delegate either.
      allowedDelegates: member.allowedDelegates.filter((delegate) => current.has(delegate)),
      createdAt: member.createdAt.toISOString(),
      updatedAt: member.updatedAt.toISOString(),
    }));
  }

  async insertMember(workspaceId: string, fleetId: string, input: FleetMemberCreateInput): Promise<void> {
    try {
      await this.db.insert(fleetMembers).values({ ...input, fleetId, workspaceId });
    } catch (error) {
      if (isForeignKeyViolation(error, 'fleet_members_agent_id_agents_id_fk')) {
        throw new AppError('validation_failed', 'The request has invalid fields', {
          cause: error,
          errors: [{ path: 'agentId', message: `No agent ${input.agentId} in this workspace`, code: 'unknown_agent' }],
        });
      }
      throw error;
    }
  }

  async updateMember(workspaceId: string, fleetId: string, agentId: string, changes: FleetMemberUpdateInput): Promise<boolean> {
    const rows = await this.db
      .update(fleetMembers)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(memberIs(workspaceId, fleetId, agentId))
      .returning({ agentId: fleetMembers.agentId });
    return rows.length > 0;
  }

  async deleteMember(workspaceId: string, fleetId: string, agentId: string): Promise<boolean> {
    const rows = await this.db
      .delete(fleetMembers)
      .where(memberIs(workspaceId, fleetId, agentId))
      .returning({ agentId: fleetMembers.agentId });
    if (rows.length === 0) return false;
    await this.db
      .update(fleetMembers)
      .set({ allowedDelegates: sql`array_remove(${fleetMembers.allowedDelegates}, ${agentId}::uuid)`, updatedAt: sql`now()` })
      .where(
        and(
          eq(fleetMembers.workspaceId, workspaceId),
          eq(fleetMembers.fleetId, fleetId),
          sql`${agentId}::uuid = any(${fleetMembers.allowedDelegates})`,
        ),
      );
    return true;
  }
}

const memberIs = (workspaceId: string, fleetId: string, agentId: string) =>
  and(eq(fleetMembers.workspaceId, workspaceId), eq(fleetMembers.fleetId, fleetId), eq(fleetMembers.agentId, agentId));
