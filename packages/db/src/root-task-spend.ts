import type { RootTaskSpendLedger } from '@agent-fleet/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { agentTasks, llmCalls } from './schema.js';

/** A root task's spend, summed from the ledger rows of every agent task under it (`agent_tasks.root_task_id`). */
export class DrizzleRootTaskSpend implements RootTaskSpendLedger {
  constructor(private readonly db: Database) {}

  async spentUnder(workspaceId: string, rootTaskId: string): Promise<number> {
    const [row] = await this.db
      .select({ spent: sql<string | null>`sum(${llmCalls.costUsd})` })
      .from(llmCalls)
      .innerJoin(agentTasks, and(eq(agentTasks.id, llmCalls.taskId), eq(agentTasks.workspaceId, llmCalls.workspaceId)))
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.rootTaskId, rootTaskId)));
    return Number(row?.spent ?? 0);
  }
}
