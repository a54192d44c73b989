import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps, users, workspaceColumn } from './schema.js';

/**
 * Outstanding WebSocket tickets (`POST /api/v1/ws/ticket`), shared by every server so a ticket issued by
 * one opens a socket on another. Kept by the ticket's SHA-256 only; a ticket is taken (deleted) when it is
 * redeemed, so it works once however many servers race for it. The credential it was issued to is sealed
 * with the secrets key: the socket re-checks it while it lives.
 */
export const wsTickets = pgTable(
  'ws_tickets',
  {
    /** SHA-256 of the ticket, base64url. */
    hash: text('hash').primaryKey(),
    workspaceId: workspaceColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The principal as authenticated when the ticket was issued (user or API key). */
    principal: jsonb('principal').notNull(),
    /** The `Authorization` value, sealed (SecretBox, bound to the hash). */
    credential: text('credential').notNull(),
    createdAt: timestamps.createdAt,
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('ws_tickets_expires_idx').on(t.expiresAt)],
);
