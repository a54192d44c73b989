import { eq, lte } from 'drizzle-orm';
import type { Database } from './database.js';
import { wsTickets } from './ws-ticket-schema.js';

export interface WsTicketRow {
  hash: string;
  workspaceId: string;
  userId: string;
  principal: unknown;
  credential: string;
  expiresAt: Date;
}

/** The shared table of outstanding WebSocket tickets (see ws-ticket-schema.ts). */
export class DrizzleWsTicketRepository {
  constructor(private readonly db: Database) {}

  async insert(row: WsTicketRow): Promise<void> {
    await this.db.insert(wsTickets).values(row);
  }

  /**
   * Removes the ticket and returns it, whether or not it has expired (the caller checks): one `DELETE …
   * RETURNING`, so of any number of concurrent takers on any servers exactly one gets the row.
   */
  async take(hash: string): Promise<WsTicketRow | null> {
    const rows = await this.db.delete(wsTickets).where(eq(wsTickets.hash, hash)).returning();
    const row = rows[0];
    if (!row) return null;
    return {
      hash: row.hash,
      workspaceId: row.workspaceId,
      userId: row.userId,
      principal: row.principal,
      credential: row.credential,
      expiresAt: row.expiresAt,
    };
  }

  /** Forgets tickets that expired at or before `at`; returns how many. */
  async deleteExpired(at: Date): Promise<number> {
    const rows = await this.db.delete(wsTickets).where(lte(wsTickets.expiresAt, at)).returning({ hash: wsTickets.hash });
    return rows.length;
  }
}
