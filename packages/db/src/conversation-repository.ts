import type { ConversationListQuery, PageTotal } from '@agent-fleet/contracts';
import type { ConversationRecord, ConversationRepository, CursorPosition, TurnClaim } from '@agent-fleet/core';
import { and, desc, eq, isNotNull, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { unregistered } from './instance-repository.js';
import { containsPattern } from './like.js';
import { pageTotal } from './page-total.js';
import { conversations } from './schema.js';
import { usageOf } from './token-usage.js';

type ConversationRow = typeof conversations.$inferSelect;

const toRecord = (row: ConversationRow): ConversationRecord => ({
  id: row.id,
  agentId: row.agentId,
  title: row.title,
  variables: row.variables,
  createdBy: row.createdBy,
  messageCount: row.messageCount,
  usage: usageOf(row),
  costUsd: row.costUsd,
  lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
  busy: row.turnId !== null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The list's sort key; it matches `conversations_workspace_activity_idx`. */
const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

export class DrizzleConversationRepository implements ConversationRepository {
  constructor(private readonly db: Database) {}

  async list(
    workspaceId: string,
    query: Omit<ConversationListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: ConversationRecord[] } & PageTotal> {
    const filters: SQL[] = [eq(conversations.workspaceId, workspaceId)];
    if (query.agentId) filters.push(eq(conversations.agentId, query.agentId));
    if (query.q) filters.push(sql`${conversations.title} ilike ${containsPattern(query.q)} escape '\\'`);
    const page = [...filters];
    if (query.after) {
      const after = query.after;
      page.push(sql`(${activity}, ${conversations.id}) < (${after.value}::timestamptz, ${after.id}::uuid)`);
    }
    const rows = await this.db
      .select()
      .from(conversations)
      .where(and(...page))
      .orderBy(desc(activity), desc(conversations.id))
      .limit(query.limit + 1);
    const total = await pageTotal(this.db, conversations, and(...filters), {
      rows: rows.length,
      limit: query.limit,
      firstPage: !query.after,
      capped: true,
    });
    return { items: rows.map(toRecord), ...total };
  }

  async find(workspaceId: string, id: string): Promise<ConversationRecord | null> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    return row ? toRecord(row) : null;
  }

  async insert(
    workspaceId: string,
    input: { agentId: string; title: string; variables: Record<string, unknown>; createdBy: string | null },
  ): Promise<ConversationRecord> {
    const [row] = await this.db
      .insert(conversations)
      .values({ ...input, workspaceId })
      .returning();
    return toRecord(row as ConversationRow);
  }

  async update(
    workspaceId: string,
    id: string,
    changes: { title?: string; variables?: Record<string, unknown> },
  ): Promise<ConversationRecord | null> {
    const [row] = await this.db
      .update(conversations)
      .set({
        ...(changes.title === undefined ? {} : { title: changes.title }),
        ...(changes.variables === undefined ? {} : { variables: changes.variables }),
        updatedAt: sql`now()`,
      })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
      .returning();
    return row ? toRecord(row) : null;
  }

  async addTurn(
    workspaceId: string,
    id: string,
    turn: { messages: number; usage: ConversationRecord['usage']; costUsd: number; at: string },
  ): Promise<void> {
    const { usage } = turn;
    // One UPDATE with the arithmetic in SQL: concurrent turns add up instead of overwriting each other.
    const plus = (column: Column, amount: number) => sql`${column} + ${amount}::bigint`;
    await this.db
      .update(conversations)
      .set({
        messageCount: sql`${conversations.messageCount} + ${turn.messages}::integer`,
        inputTokens: plus(conversations.inputTokens, usage.inputTokens),
        outputTokens: plus(conversations.outputTokens, usage.outputTokens),
        cachedInputTokens: plus(conversations.cachedInputTokens, usage.cachedInputTokens),
        cacheWriteTokens: plus(conversations.cacheWriteTokens, usage.cacheWriteTokens),
        reasoningTokens: plus(conversations.reasoningTokens, usage.reasoningTokens),
        costUsd: sql`${conversations.costUsd} + ${String(turn.costUsd)}::numeric`,
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${turn.at}::timestamptz)`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  }

  async claimTurn(workspaceId: string, id: string, claim: TurnClaim): Promise<boolean> {
    // One conditional UPDATE: of two servers claiming at once, exactly one matches the null turn.
    const rows = await this.db
      .update(conversations)
      .set({ turnId: claim.turnId, turnOwner: claim.owner })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id), isNull(conversations.turnId)))
      .returning({ id: conversations.id });
    return rows.length > 0;
  }

  async releaseTurn(workspaceId: string, id: string, turnId: string): Promise<void> {
    await this.db
      .update(conversations)
      .set({ turnId: null, turnOwner: null })
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id), eq(conversations.turnId, turnId)));
  }

  async runningTurn(workspaceId: string, id: string): Promise<TurnClaim | null> {
    const [row] = await this.db
      .select({ turnId: conversations.turnId, owner: conversations.turnOwner })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    return row?.turnId && row.owner ? { turnId: row.turnId, owner: row.owner } : null;
  }

  /** Across every workspace: claims whose owner is not a registered instance (see `recoverAbandonedWork`). */
  async releaseAbandonedTurns(): Promise<number> {
    const rows = await this.db
      .update(conversations)
      .set({ turnId: null, turnOwner: null })
      .where(and(isNotNull(conversations.turnOwner), unregistered(conversations.turnOwner)))
      .returning({ id: conversations.id });
    return rows.length;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const deleted = await this.db
      .delete(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
      .returning({ id: conversations.id });
    return deleted.length > 0;
  }
}
