import { and, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { a2aContexts, a2aTasks } from './a2a-schema.js';
import type { Database } from './database.js';
import { unregistered } from './instance-repository.js';
import { pageTotal } from './page-total.js';

/** Whose A2A rows these are: one agent, or one fleet, of one workspace. */
export type A2AScope = { workspaceId: string; agentId: string } | { workspaceId: string; fleetId: string };

/** An agent's scope: contexts (which map to conversations) belong to agents only. */
export type A2AAgentScope = Extract<A2AScope, { agentId: string }>;

/** An A2A task as stored: the SDK's JSON form of the task, with the columns lists filter on. */
export interface A2ATaskRecord {
  id: string;
  contextId: string;
  /** The protocol's state name, e.g. `TASK_STATE_COMPLETED`. */
  state: string;
  /** ISO instant of the task's latest status. */
  statusAt: string;
  task: Record<string, unknown>;
}

export interface A2ATaskListOptions {
  contextId?: string;
  state?: string;
  /** Only tasks whose status changed after this instant. */
  statusAfter?: string;
  /** The last task of the previous page, in list order (newest status first). */
  after?: { statusAt: string; id: string };
  limit: number;
}

export interface A2AContextRecord {
  id: string;
  workspaceId: string;
  agentId: string;
  conversationId: string;
}

/** States that end a task; anything else is still open (`failAbandoned` closes those). */
const OPEN_STATES = ['TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING'];
const INTERRUPTED_TEXT = 'The server stopped while this task ran; send the message again.';

/** A2A tasks and contexts. Every task query is scoped by workspace and agent; a context id is global. */
export class DrizzleA2ARepository {
  constructor(private readonly db: Database) {}

  async findTask(scope: A2AScope, id: string): Promise<A2ATaskRecord | null> {
    const [row] = await this.db
      .select()
      .from(a2aTasks)
      .where(and(...this.scoped(scope), eq(a2aTasks.id, id)));
    return row ? toRecord(row) : null;
  }

  /**
   * Inserts or replaces the task, as written by `owner` (the server instance running it); a row of
   * another scope with the same id is left alone.
   */
  async saveTask(scope: A2AScope, record: A2ATaskRecord, owner: string | null): Promise<void> {
    const values = {
      owner,
      contextId: record.contextId,
      state: record.state,
      statusAt: new Date(record.statusAt),
      task: record.task,
      updatedAt: sql`now()`,
    };
    await this.db
      .insert(a2aTasks)
      .values({ id: record.id, ...scope, ...values })
      .onConflictDoUpdate({
        target: a2aTasks.id,
        set: values,
        setWhere: and(...this.scoped(scope)),
      });
  }

  async listTasks(scope: A2AScope, options: A2ATaskListOptions): Promise<{ items: A2ATaskRecord[]; total: number }> {
    const filters: SQL[] = this.scoped(scope);
    if (options.contextId !== undefined) filters.push(eq(a2aTasks.contextId, options.contextId));
    if (options.state !== undefined) filters.push(eq(a2aTasks.state, options.state));
    if (options.statusAfter !== undefined) filters.push(gt(a2aTasks.statusAt, new Date(options.statusAfter)));
    const page = [...filters];
    if (options.after) {
      page.push(
        sql`(${a2aTasks.statusAt}, ${a2aTasks.id}) < (${options.after.statusAt}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    const rows = await this.db
      .select()
      .from(a2aTasks)
      .where(and(...page))
      .orderBy(desc(a2aTasks.statusAt), desc(a2aTasks.id))
      .limit(options.limit + 1);
    const { total } = await pageTotal(this.db, a2aTasks, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: false,
    });
    return { items: rows.map(toRecord), total };
  }

  async findContext(id: string): Promise<A2AContextRecord | null> {
    const [row] = await this.db.select().from(a2aContexts).where(eq(a2aContexts.id, id));
    return row ? { id: row.id, workspaceId: row.workspaceId, agentId: row.agentId, conversationId: row.conversationId } : null;
  }

  /** Claims the context id for the conversation; false when it was already taken (by anyone). */
  async insertContext(scope: A2AAgentScope, id: string, conversationId: string): Promise<boolean> {
    const inserted = await this.db
      .insert(a2aContexts)
      .values({ id, ...scope, conversationId })
      .onConflictDoNothing({ target: a2aContexts.id })
      .returning({ id: a2aContexts.id });
    return inserted.length === 1;
  }

  /**
   * Across every workspace: a task still submitted or working whose owner is no longer a registered
   * server ran in a process that is gone, so it fails, with a status message saying why. A live
   * server's tasks are left alone, so every server may run it, at start-up and periodically. A fleet's
   * task is left alone too: its fleet task goes on without the server, and reads follow that row.
   */
  async failAbandoned(): Promise<number> {
    const at = new Date();
    const status = {
      state: 'TASK_STATE_FAILED',
      timestamp: at.toISOString(),
      message: { role: 'ROLE_AGENT', parts: [{ text: INTERRUPTED_TEXT, mediaType: 'text/plain' }] },
    };
    const failed = await this.db
      .update(a2aTasks)
      .set({
        state: status.state,
        statusAt: at,
        updatedAt: at,
        // The status message names its task and context, as every message of a task does.
        task: sql`jsonb_set(${a2aTasks.task}, '{status}', ${JSON.stringify(status)}::jsonb || jsonb_build_object('message',
          ${JSON.stringify(status.message)}::jsonb || jsonb_build_object('messageId', gen_random_uuid()::text,
          'taskId', ${a2aTasks.id}::text, 'contextId', ${a2aTasks.contextId})))`,
      })
      .where(and(inArray(a2aTasks.state, OPEN_STATES), isNull(a2aTasks.fleetId), unregistered(a2aTasks.owner)))
      .returning({ id: a2aTasks.id });
    return failed.length;
  }

  private scoped(scope: A2AScope): SQL[] {
    return [
      eq(a2aTasks.workspaceId, scope.workspaceId),
      'agentId' in scope ? eq(a2aTasks.agentId, scope.agentId) : eq(a2aTasks.fleetId, scope.fleetId),
    ];
  }
}

function toRecord(row: typeof a2aTasks.$inferSelect): A2ATaskRecord {
  return { id: row.id, contextId: row.contextId, state: row.state, statusAt: row.statusAt.toISOString(), task: row.task };
}
