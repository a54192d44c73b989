import type { AgentTask, TaskError, TaskStatus } from '@agent-fleet/contracts';
import { notFound, type AgentTaskRepository, type CursorPosition } from '@agent-fleet/core';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { agentTasks } from './schema.js';
import { usageOf } from './token-usage.js';

type AgentTaskRow = typeof agentTasks.$inferSelect;

const toTask = (row: AgentTaskRow): AgentTask => ({
  id: row.id,
  agentId: row.agentId,
  kind: row.kind,
  status: row.status,
  conversationId: row.conversationId,
  parentTaskId: row.parentTaskId,
  summary: row.summary,
  usage: usageOf(row),
  costUsd: row.costUsd,
  llmCalls: row.llmCalls,
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  error: row.error,
});

const INTERRUPTED: TaskError = { code: 'interrupted', message: 'The server stopped while this task ran' };

export class DrizzleAgentTaskRepository implements AgentTaskRepository {
  constructor(private readonly db: Database) {}

  async insert(
    workspaceId: string,
    task: Pick<AgentTask, 'agentId' | 'kind' | 'conversationId' | 'parentTaskId' | 'summary'> & { id?: string },
  ): Promise<AgentTask> {
    const [row] = await this.db
      .insert(agentTasks)
      .values({ ...task, workspaceId })
      .returning();
    return toTask(row as AgentTaskRow);
  }

  async finish(
    workspaceId: string,
    id: string,
    result: Pick<AgentTask, 'status' | 'usage' | 'costUsd' | 'llmCalls' | 'error'>,
  ): Promise<AgentTask> {
    const [row] = await this.db
      .update(agentTasks)
      .set({
        status: result.status,
        ...usageOf(result.usage),
        costUsd: result.costUsd,
        llmCalls: result.llmCalls,
        error: result.error,
        finishedAt: sql`now()`,
      })
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.id, id)))
      .returning();
    if (!row) throw notFound('Task', id);
    return toTask(row);
  }

  async list(
    workspaceId: string,
    agentId: string,
    options: { status?: TaskStatus; limit: number; after?: CursorPosition },
  ): Promise<{ items: AgentTask[]; total: number }> {
    const filters: SQL[] = [eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.agentId, agentId)];
    if (options.status) filters.push(eq(agentTasks.status, options.status));
    const page = [...filters];
    if (options.after) {
      const after = options.after;
      page.push(sql`(${agentTasks.startedAt}, ${agentTasks.id}) < (${after.value}::timestamptz, ${after.id}::uuid)`);
    }
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(agentTasks)
        .where(and(...page))
        .orderBy(desc(agentTasks.startedAt), desc(agentTasks.id))
        .limit(options.limit + 1),
      this.db
        .select({ total: count() })
        .from(agentTasks)
        .where(and(...filters)),
    ]);
    return { items: rows.map(toTask), total: totals[0]?.total ?? 0 };
  }

  /** Across every workspace: it runs at start-up, before any request names one. */
  async failAbandoned(before: string): Promise<number> {
    const failed = await this.db
      .update(agentTasks)
      .set({ status: 'failed', error: INTERRUPTED, finishedAt: sql`now()` })
      .where(and(eq(agentTasks.status, 'running'), sql`${agentTasks.startedAt} < ${before}::timestamptz`))
      .returning({ id: agentTasks.id });
    return failed.length;
  }
}
