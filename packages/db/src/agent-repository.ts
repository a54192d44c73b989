import type { Agent, AgentCreateInput, AgentStatus, PageTotal } from '@agent-fleet/contracts';
import { AppError, type AgentChanges, type AgentListOptions, type AgentRepository } from '@agent-fleet/core';
import { and, arrayContains, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { containsPattern } from './like.js';
import { pageTotal } from './page-total.js';
import { isUniqueViolation } from './pg-errors.js';
import { agents } from './schema.js';

type AgentRow = typeof agents.$inferSelect;

const toAgent = (row: AgentRow): Agent => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const nameTaken = (name: string, cause: unknown) =>
  new AppError('name_taken', `An agent named "${name}" already exists in this workspace`, {
    cause,
    errors: [{ path: 'name', message: 'This name is already used by another agent', code: 'name_taken' }],
  });

export class DrizzleAgentRepository implements AgentRepository {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string, options: AgentListOptions): Promise<{ items: Agent[] } & PageTotal> {
    const filters: SQL[] = [eq(agents.workspaceId, workspaceId)];
    if (options.status?.length) filters.push(inArray(agents.status, options.status));
    if (options.skill) filters.push(arrayContains(agents.skills, [options.skill]));
    if (options.q) filters.push(sql`${agents.name} ilike ${containsPattern(options.q)} escape '\\'`);

    const descending = options.sort.startsWith('-');
    const field = options.sort.replace(/^-/, '');
    const key =
      field === 'name' ? sql`lower(${agents.name})` : field === 'updatedAt' ? sql`${agents.updatedAt}` : sql`${agents.createdAt}`;
    const keyCast = field === 'name' ? sql`::text` : sql`::timestamptz`;

    const pageFilters = [...filters];
    if (options.after) {
      const operator = descending ? sql`<` : sql`>`;
      pageFilters.push(sql`(${key}, ${agents.id}) ${operator} (${options.after.value}${keyCast}, ${options.after.id}::uuid)`);
    }
    const order = descending ? [desc(key), desc(agents.id)] : [asc(key), asc(agents.id)];
    const rows = await this.db
      .select()
      .from(agents)
      .where(and(...pageFilters))
      .orderBy(...order)
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, agents, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: false,
    });
    return { items: rows.map(toAgent), ...total };
  }

  async findById(workspaceId: string, id: string): Promise<Agent | null> {
    const [row] = await this.db
      .select()
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, id)));
    return row ? toAgent(row) : null;
  }

  async findByName(workspaceId: string, name: string): Promise<Agent | null> {
    const [row] = await this.db
      .select()
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.name, name)));
    return row ? toAgent(row) : null;
  }

  async insert(workspaceId: string, input: AgentCreateInput): Promise<Agent> {
    try {
      const rows = await this.db
        .insert(agents)
        .values({ ...input, workspaceId })
        .returning();
      return toAgent(rows[0] as AgentRow);
    } catch (error) {
      if (isUniqueViolation(error, 'agents_workspace_name_key')) throw nameTaken(input.name, error);
      throw error;
    }
  }

  async update(workspaceId: string, id: string, changes: AgentChanges, expectedVersion?: number): Promise<Agent | null> {
    const conditions = [eq(agents.workspaceId, workspaceId), eq(agents.id, id)];
    if (expectedVersion !== undefined) conditions.push(eq(agents.version, expectedVersion));
    try {
      const [row] = await this.db
        .update(agents)
        .set({ ...changes, version: sql`${agents.version} + 1`, updatedAt: sql`now()` })
        .where(and(...conditions))
        .returning();
      return row ? toAgent(row) : null;
    } catch (error) {
      if (isUniqueViolation(error, 'agents_workspace_name_key')) throw nameTaken(changes.name ?? '', error);
      throw error;
    }
  }

  async setRuntimeStatus(workspaceId: string, id: string, status: AgentStatus): Promise<void> {
    // Neither version nor updated_at moves: this is the runtime's state, not an edit someone made.
    await this.db
      .update(agents)
      .set({ status })
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, id)));
  }

  async delete(workspaceId: string, id: string, expectedVersion?: number): Promise<boolean> {
    const conditions = [eq(agents.workspaceId, workspaceId), eq(agents.id, id)];
    if (expectedVersion !== undefined) conditions.push(eq(agents.version, expectedVersion));
    const deleted = await this.db
      .delete(agents)
      .where(and(...conditions))
      .returning({ id: agents.id });
    return deleted.length > 0;
  }
}
