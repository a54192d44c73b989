import type { LlmCall, LlmCallListQuery, PageTotal, UsageRow, UsageSummaryQuery, UsageTotals } from '@agent-fleet/contracts';
import type { CursorPosition, LlmCallInsert, LlmCallRepository } from '@agent-fleet/core';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { pageTotal } from './page-total.js';
import { unregistered } from './instance-repository.js';
import { llmCalls } from './schema.js';
import { usageOf } from './token-usage.js';
import { storable } from './storable.js';

type LlmCallRow = typeof llmCalls.$inferSelect;

const toCall = (row: LlmCallRow): LlmCall => ({
  id: row.id,
  provider: row.provider,
  model: row.model,
  mock: row.mock,
  usage: usageOf(row),
  costUsd: row.costUsd,
  latencyMs: row.latencyMs,
  timeToFirstTokenMs: row.timeToFirstTokenMs,
  outcome: row.outcome,
  errorClass: row.errorClass,
  errorMessage: row.errorMessage,
  attempt: row.attempt,
  fallback: row.fallback,
  agentId: row.agentId,
  conversationId: row.conversationId,
  taskId: row.taskId,
  runId: row.runId,
  stepId: row.stepId,
  promptRef: row.promptRef,
  estimated: row.estimated,
  unpriced: row.unpriced,
  createdAt: row.createdAt.toISOString(),
});

const INTERRUPTED_MESSAGE = 'The server stopped while this call ran; the usage is estimated';

/** The SQL key of each group. No bound parameters, so GROUP BY can repeat the expression exactly. */
const GROUP_KEYS: Record<UsageSummaryQuery['groupBy'], SQL<string>> = {
  agent: sql<string>`coalesce(${llmCalls.agentId}::text, '')`,
  model: sql<string>`${llmCalls.provider} || '/' || ${llmCalls.model}`,
  provider: sql<string>`${llmCalls.provider}`,
  prompt: sql<string>`coalesce(${llmCalls.promptRef}, '')`,
  day: sql<string>`to_char(${llmCalls.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  hour: sql<string>`to_char(${llmCalls.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`,
};

/** Sums come back from pg as strings (numeric, bigint); each is mapped to a JS number. */
const totalsColumns = {
  calls: sql<number>`count(*)`.mapWith(Number),
  errors: sql<number>`count(*) filter (where ${llmCalls.outcome} in ('error', 'interrupted'))`.mapWith(Number),
  inputTokens: sql<number>`coalesce(sum(${llmCalls.inputTokens}), 0)`.mapWith(Number),
  outputTokens: sql<number>`coalesce(sum(${llmCalls.outputTokens}), 0)`.mapWith(Number),
  cachedInputTokens: sql<number>`coalesce(sum(${llmCalls.cachedInputTokens}), 0)`.mapWith(Number),
  cacheWriteTokens: sql<number>`coalesce(sum(${llmCalls.cacheWriteTokens}), 0)`.mapWith(Number),
  reasoningTokens: sql<number>`coalesce(sum(${llmCalls.reasoningTokens}), 0)`.mapWith(Number),
  costUsd: sql<number>`coalesce(sum(${llmCalls.costUsd}), 0)`.mapWith(Number),
};

type RangeFilters = Pick<UsageSummaryQuery, 'from' | 'to' | 'agentId' | 'provider' | 'model'>;

/** `from` is inclusive and `to` exclusive, so consecutive ranges never count a call twice. */
function rangeFilters(workspaceId: string, query: RangeFilters): SQL[] {
  const filters: SQL[] = [eq(llmCalls.workspaceId, workspaceId)];
  if (query.from) filters.push(sql`${llmCalls.createdAt} >= ${query.from}::timestamptz`);
  if (query.to) filters.push(sql`${llmCalls.createdAt} < ${query.to}::timestamptz`);
  if (query.agentId) filters.push(eq(llmCalls.agentId, query.agentId));
  if (query.provider) filters.push(eq(llmCalls.provider, query.provider));
  if (query.model) filters.push(eq(llmCalls.model, query.model));
  return filters;
}

export class DrizzleLlmCallRepository implements LlmCallRepository {
  constructor(
    private readonly db: Database,
    /**
     * The instance making the calls this repository writes (`ServerInstance.id`): while it is registered,
     * recovery leaves its in-flight rows alone. Default null (a repository that only reads).
     */
    private readonly owner: string | null = null,
  ) {}

  async insert(workspaceId: string, call: LlmCallInsert): Promise<LlmCall> {
    const { usage, ...rest } = call;
    const [row] = await this.db
      .insert(llmCalls)
      .values(storable({ ...rest, ...usageOf(usage), workspaceId, owner: this.owner }))
      .returning();
    return toCall(row as LlmCallRow);
  }

  async finalise(workspaceId: string, id: string, call: LlmCallInsert): Promise<LlmCall> {
    const { usage, ...rest } = call;
    const [row] = await this.db
      .update(llmCalls)
      .set(storable({ ...rest, ...usageOf(usage) }))
      .where(and(eq(llmCalls.workspaceId, workspaceId), eq(llmCalls.id, id)))
      .returning();
    // A row deleted under us (its workspace went) is written again rather than lost.
    return row ? toCall(row) : this.insert(workspaceId, call);
  }

  /**
   * Across every workspace: calls left `in_flight` by a process that is no longer registered become
   * `interrupted`. Their row already carries the estimated input (written before the request) and its cost.
   */
  async interruptAbandoned(): Promise<number> {
    const rows = await this.db
      .update(llmCalls)
      .set({
        outcome: 'interrupted',
        errorClass: 'aborted',
        errorMessage: INTERRUPTED_MESSAGE,
        estimated: true,
        latencyMs: sql`least(2147483647, greatest(0, floor(extract(epoch from (now() - ${llmCalls.createdAt})) * 1000)))::int`,
      })
      .where(and(eq(llmCalls.outcome, 'in_flight'), unregistered(llmCalls.owner)))
      .returning({ id: llmCalls.id });
    return rows.length;
  }

  async list(
    workspaceId: string,
    query: Omit<LlmCallListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: LlmCall[] } & PageTotal> {
    const filters = rangeFilters(workspaceId, query);
    if (query.conversationId) filters.push(eq(llmCalls.conversationId, query.conversationId));
    if (query.taskId) filters.push(eq(llmCalls.taskId, query.taskId));
    if (query.runId) filters.push(eq(llmCalls.runId, query.runId));
    if (query.stepId) filters.push(eq(llmCalls.stepId, query.stepId));
    if (query.outcome) filters.push(eq(llmCalls.outcome, query.outcome));
    const page = [...filters];
    if (query.after) {
      const after = query.after;
      page.push(sql`(${llmCalls.createdAt}, ${llmCalls.id}) < (${after.value}::timestamptz, ${after.id}::uuid)`);
    }
    const rows = await this.db
      .select()
      .from(llmCalls)
      .where(and(...page))
      .orderBy(desc(llmCalls.createdAt), desc(llmCalls.id))
      .limit(query.limit + 1);
    const total = await pageTotal(this.db, llmCalls, and(...filters), {
      rows: rows.length,
      limit: query.limit,
      firstPage: !query.after,
      capped: true,
    });
    return { items: rows.map(toCall), ...total };
  }

  async summarize(workspaceId: string, query: UsageSummaryQuery): Promise<{ rows: UsageRow[]; totals: UsageTotals }> {
    const where = and(...rangeFilters(workspaceId, query));
    const key = GROUP_KEYS[query.groupBy];
    // Days read in time order; every other grouping puts the most expensive first. Byte order ("C") keeps
    // ties in the same order on every server, whatever its default collation.
    const byKey = sql`(${key}) collate "C" asc`;
    const chronological = query.groupBy === 'day' || query.groupBy === 'hour';
    const order = chronological ? [byKey] : [sql`${totalsColumns.costUsd} desc`, byKey];
    const [rows, totals] = await Promise.all([
      this.db
        .select({ key, ...totalsColumns })
        .from(llmCalls)
        .where(where)
        .groupBy(key)
        .orderBy(...order),
      this.db.select(totalsColumns).from(llmCalls).where(where),
    ]);
    const zero: UsageTotals = {
      calls: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd: 0,
    };
    return { rows: rows.map((row) => ({ ...row, label: row.key })), totals: totals[0] ?? zero };
  }
}
