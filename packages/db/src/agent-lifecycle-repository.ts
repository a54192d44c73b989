import type { AgentStateChange, PageTotal } from '@agent-fleet/contracts';
import type { AgentLifecycleRepository, AgentStateChangeInput, CursorPosition, StoredAdminState } from '@agent-fleet/core';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { agentAdminStates, agentStateChanges } from './agent-lifecycle-schema.js';
import type { Database } from './database.js';
import { pageTotal } from './page-total.js';
import { agents, agentTasks } from './schema.js';

type ChangeRow = typeof agentStateChanges.$inferSelect;

const toChange = ({ workspaceId: _workspace, drainDeadline, createdAt, ...row }: ChangeRow): AgentStateChange => ({
  ...row,
  drainDeadline: drainDeadline?.toISOString() ?? null,
  createdAt: createdAt.toISOString(),
});

export class DrizzleAgentLifecycleRepository implements AgentLifecycleRepository {
  constructor(private readonly db: Database) {}

  async lockAdminState(workspaceId: string, agentId: string): Promise<StoredAdminState> {
    // The agent's row is the lock: its state row may not exist yet.
    await this.db
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, agentId)))
      .for('update');
    return this.findAdminState(workspaceId, agentId);
  }

  async findAdminState(workspaceId: string, agentId: string): Promise<StoredAdminState> {
    const [row] = await this.db
      .select({ adminState: agentAdminStates.adminState, drainDeadline: agentAdminStates.drainDeadline })
      .from(agentAdminStates)
      .where(and(eq(agentAdminStates.workspaceId, workspaceId), eq(agentAdminStates.agentId, agentId)));
    return row
      ? { adminState: row.adminState, drainDeadline: row.drainDeadline?.toISOString() ?? null }
      : { adminState: 'active', drainDeadline: null };
  }

  async setAdminState(workspaceId: string, agentId: string, state: StoredAdminState): Promise<void> {
    const values = {
      adminState: state.adminState,
      drainDeadline: state.drainDeadline === null ? null : new Date(state.drainDeadline),
      updatedAt: sql`now()`,
    };
    await this.db
      .insert(agentAdminStates)
      .values({ workspaceId, agentId, ...values })
      .onConflictDoUpdate({ target: agentAdminStates.agentId, set: values });
  }

  async insertChange(change: AgentStateChangeInput): Promise<AgentStateChange> {
    const [row] = await this.db
      .insert(agentStateChanges)
      .values({ ...change, drainDeadline: change.drainDeadline === null ? null : new Date(change.drainDeadline) })
      .returning();
    return toChange(row as ChangeRow);
  }

  async listChanges(
    workspaceId: string,
    agentId: string,
    options: { limit: number; after?: CursorPosition },
  ): Promise<{ items: AgentStateChange[] } & PageTotal> {
    const filters: SQL[] = [eq(agentStateChanges.workspaceId, workspaceId), eq(agentStateChanges.agentId, agentId)];
    const page = [...filters];
    if (options.after) {
      page.push(
        sql`(${agentStateChanges.createdAt}, ${agentStateChanges.id}) < (${options.after.value}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    const rows = await this.db
      .select()
      .from(agentStateChanges)
      .where(and(...page))
      .orderBy(desc(agentStateChanges.createdAt), desc(agentStateChanges.id))
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, agentStateChanges, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: true,
    });
    return { items: rows.map(toChange), ...total };
  }

  async countInFlight(workspaceId: string, agentId: string): Promise<number> {
    const [row] = await this.db
      .select({ running: count() })
      .from(agentTasks)
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.agentId, agentId), eq(agentTasks.status, 'running')));
    return row?.running ?? 0;
  }

  async listDraining(): Promise<{ workspaceId: string; agentId: string }[]> {
    return this.db
      .select({ workspaceId: agentAdminStates.workspaceId, agentId: agentAdminStates.agentId })
      .from(agentAdminStates)
      .where(eq(agentAdminStates.adminState, 'draining'));
  }
}
