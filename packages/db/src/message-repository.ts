import type { PageTotal } from '@agent-fleet/contracts';
import type { CursorPosition, MessageRecord, MessageRepository } from '@agent-fleet/core';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { pageTotal } from './page-total.js';
import { messages } from './schema.js';
import { storable } from './storable.js';

type MessageRow = typeof messages.$inferSelect;

const toRecord = ({ workspaceId: _workspaceId, seq, createdAt, ...row }: MessageRow): MessageRecord => ({
  ...row,
  seq: String(seq),
  createdAt: createdAt.toISOString(),
});

export class DrizzleMessageRepository implements MessageRepository {
  constructor(private readonly db: Database) {}

  async list(
    workspaceId: string,
    conversationId: string,
    options: { limit: number; order: 'asc' | 'desc'; after?: CursorPosition },
  ): Promise<{ items: MessageRecord[] } & PageTotal> {
    const descending = options.order === 'desc';
    const filters: SQL[] = [eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)];
    const page = [...filters];
    // `seq` is unique, so it alone positions the cursor; the id is checked only as a well-formed cursor's part.
    if (options.after) {
      const operator = descending ? sql`<` : sql`>`;
      page.push(sql`${messages.seq} ${operator} ${options.after.value}::bigint`);
    }
    const rows = await this.db
      .select()
      .from(messages)
      .where(and(...page))
      .orderBy(descending ? desc(messages.seq) : asc(messages.seq))
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, messages, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: true,
    });
    return { items: rows.map(toRecord), ...total };
  }

  async all(workspaceId: string, conversationId: string): Promise<MessageRecord[]> {
    const rows = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)))
      .orderBy(asc(messages.seq));
    return rows.map(toRecord);
  }

  async insert(
    workspaceId: string,
    message: Omit<MessageRecord, 'id' | 'createdAt' | 'seq'> & { id?: string },
  ): Promise<MessageRecord> {
    const [row] = await this.db
      .insert(messages)
      .values(storable({ ...message, workspaceId }))
      .returning();
    return toRecord(row as MessageRow);
  }
}
