import type { Agent, AgentAdminState, AgentObservedState, PageTotal, RemoteHealth } from '@agent-fleet/contracts';
import {
  AppError,
  OBSERVED_ERROR_STREAK,
  OBSERVED_ERROR_WINDOW_SECONDS,
  type AgentChanges,
  type AgentListOptions,
  type AgentRepository,
  type RemoteAgentStore,
  type RemoteSecretStore,
  type StoredAgentInput,
} from '@agent-fleet/core';
import { and, arrayContains, asc, desc, eq, getTableColumns, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { containsPattern } from './like.js';
import { pageTotal } from './page-total.js';
import { isUniqueViolation } from './pg-errors.js';
import { agents } from './schema.js';

type AgentRow = Omit<typeof agents.$inferSelect, 'remoteSecretCiphertext'> & {
  adminState: AgentAdminState;
  observedState: AgentObservedState;
  remoteSecretStored: boolean;
};

export const toAgent = ({ remote, remoteHealth, remoteSecretStored, ...row }: AgentRow): Agent => ({
  ...row,
  remote: remote
    ? {
        cardUrl: remote.cardUrl,
        credential: remote.credential ? { ...remote.credential, stored: remoteSecretStored } : null,
        health: remoteHealth,
      }
    : null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * An agent with its lifecycle states: the admin state from its row in agent_admin_states (none: active),
 * the observed state derived from its tasks as `OBSERVED_ERROR_STREAK` documents, except `offline`: an
 * a2a agent whose last health check failed.
 */
// Written as plain SQL with explicit qualifiers: the subqueries must name the outer `agents` row.
const STREAK = String(OBSERVED_ERROR_STREAK);
// The sealed secret is never read with the agent: only `findRemoteSecret` reads it.
const { remoteSecretCiphertext: _sealed, ...agentTableColumns } = getTableColumns(agents);
export const agentColumns = {
  ...agentTableColumns,
  remoteSecretStored: sql<boolean>`("agents"."remote_secret_ciphertext" is not null)`,
  adminState: sql<AgentAdminState>`coalesce((select s.admin_state from agent_admin_states s where s.agent_id = "agents"."id"), 'active')`,
  observedState: sql<AgentObservedState>`case
    when "agents"."kind" = 'a2a' and "agents"."remote_health"->>'state' = 'offline' then 'offline'
    when exists (select 1 from agent_tasks t where t.workspace_id = "agents"."workspace_id" and t.agent_id = "agents"."id" and t.status = 'running') then 'busy'
    when (select count(*) = ${sql.raw(STREAK)} and bool_and(recent.status = 'failed')
            and min(recent.finished_at) > now() - make_interval(secs => ${sql.raw(String(OBSERVED_ERROR_WINDOW_SECONDS))})
          from (select t.status, t.finished_at from agent_tasks t
                where t.workspace_id = "agents"."workspace_id" and t.agent_id = "agents"."id" and t.finished_at is not null
                order by t.started_at desc, t.id desc limit ${sql.raw(STREAK)}) recent) then 'error'
    else 'idle' end`,
};

const nameTaken = (name: string, cause: unknown) =>
  new AppError('name_taken', `An agent named "${name}" already exists in this workspace`, {
    cause,
    errors: [{ path: 'name', message: 'This name is already used by another agent', code: 'name_taken' }],
  });

export class DrizzleAgentRepository implements AgentRepository, RemoteAgentStore, RemoteSecretStore {
  constructor(private readonly db: Database) {}

  async list(workspaceId: string, options: AgentListOptions): Promise<{ items: Agent[] } & PageTotal> {
    const filters: SQL[] = [eq(agents.workspaceId, workspaceId)];
    if (options.observedState?.length) filters.push(inArray(agentColumns.observedState, options.observedState));
    if (options.adminState?.length) filters.push(inArray(agentColumns.adminState, options.adminState));
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
      .select(agentColumns)
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
      .select(agentColumns)
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, id)));
    return row ? toAgent(row) : null;
  }

  async findByName(workspaceId: string, name: string): Promise<Agent | null> {
    const [row] = await this.db
      .select(agentColumns)
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.name, name)));
    return row ? toAgent(row) : null;
  }

  async insert(workspaceId: string, input: StoredAgentInput): Promise<Agent> {
    try {
      const rows = await this.db
        .insert(agents)
        .values({ ...input, workspaceId })
        .returning();
      const { remoteSecretCiphertext, ...row } = rows[0] as typeof agents.$inferSelect;
      return toAgent({
        ...row,
        adminState: 'active',
        observedState: 'idle',
        remoteSecretStored: remoteSecretCiphertext !== null,
      });
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
        .returning({ id: agents.id });
      return row ? this.findById(workspaceId, row.id) : null;
    } catch (error) {
      if (isUniqueViolation(error, 'agents_workspace_name_key')) throw nameTaken(changes.name ?? '', error);
      throw error;
    }
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

  async findRemoteSecret(workspaceId: string, agentId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ sealed: agents.remoteSecretCiphertext })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)));
    return row?.sealed ?? null;
  }

  /** Written apart from the agent's version and updatedAt: a health check is not an edit. */
  async recordRemoteHealth(workspaceId: string, agentId: string, health: RemoteHealth): Promise<void> {
    await this.db
      .update(agents)
      .set({ remoteHealth: health })
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId), eq(agents.kind, 'a2a')));
  }

  async listRemoteSecrets(): Promise<{ workspaceId: string; agentId: string; sealed: string }[]> {
    const rows = await this.db
      .select({ workspaceId: agents.workspaceId, agentId: agents.id, sealed: agents.remoteSecretCiphertext })
      .from(agents)
      .where(isNotNull(agents.remoteSecretCiphertext));
    return rows.flatMap(({ sealed, ...row }) => (sealed === null ? [] : [{ ...row, sealed }]));
  }

  async replaceRemoteSecret(workspaceId: string, agentId: string, from: string, to: string): Promise<boolean> {
    const updated = await this.db
      .update(agents)
      .set({ remoteSecretCiphertext: to })
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId), eq(agents.remoteSecretCiphertext, from)))
      .returning({ id: agents.id });
    return updated.length > 0;
  }

  async listRemoteAgents(): Promise<Agent[]> {
    const rows = await this.db.select(agentColumns).from(agents).where(eq(agents.kind, 'a2a')).orderBy(asc(agents.id));
    return rows.map(toAgent);
  }
}
