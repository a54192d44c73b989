import { createHash, randomBytes } from 'node:crypto';
import type { Principal, SecretBox } from '@agent-fleet/core';
import type { WsTicketRow } from '@agent-fleet/db';

/** What a ticket stands for: who connects, to which workspace, and the credential re-checked while connected. */
export interface TicketGrant {
  principal: Principal;
  workspaceId: string;
  /** The `Authorization` value the ticket was issued to; re-authenticated while the socket lives. */
  authorization: string;
}

/** Where tickets are kept: one table every server shares (`DrizzleWsTicketRepository`). */
export interface TicketRows {
  insert(row: WsTicketRow): Promise<void>;
  /** Removes and returns the row, once, whoever else asks at the same time. */
  take(hash: string): Promise<WsTicketRow | null>;
  deleteExpired(at: Date): Promise<number>;
}

export interface TicketStoreOptions {
  rows: TicketRows;
  /** Seals the credential a ticket carries (the secrets key, as for provider keys). */
  secrets: SecretBox;
  /** How long a ticket can be used, in ms. Default 30000. */
  ttlMs?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');
/** The sealed credential opens only for its own ticket's row. */
const sealContext = (ticketHash: string) => `ws-ticket:${ticketHash}`;

/**
 * Short-lived, single-use tickets that let a browser open a WebSocket (it cannot set headers on one). They
 * live in the database, so a ticket issued by one server is redeemed by whichever server the balancer sends
 * the upgrade to; only its hash is stored, and redeeming deletes it in one statement, so it works once
 * however many servers race for it. A ticket is worth little stolen: it expires within seconds and works once.
 */
export class TicketStore {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private nextSweep = 0;

  constructor(private readonly options: TicketStoreOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async issue(grant: TicketGrant): Promise<{ ticket: string; expiresAt: Date }> {
    const now = this.now();
    // Unredeemed tickets are forgotten in passing, at most once per lifetime.
    if (now >= this.nextSweep) {
      this.nextSweep = now + this.ttlMs;
      await this.options.rows.deleteExpired(new Date(now));
    }
    const ticket = randomBytes(32).toString('base64url');
    const ticketHash = hash(ticket);
    const expiresAt = new Date(now + this.ttlMs);
    await this.options.rows.insert({
      hash: ticketHash,
      workspaceId: grant.workspaceId,
      userId: grant.principal.userId,
      principal: grant.principal,
      credential: this.options.secrets.encrypt(grant.authorization, sealContext(ticketHash)),
      expiresAt,
    });
    return { ticket, expiresAt };
  }

  /** The ticket's grant, once; null when it is unknown, used or expired. */
  async redeem(ticket: string): Promise<TicketGrant | null> {
    const ticketHash = hash(ticket);
    const row = await this.options.rows.take(ticketHash);
    if (!row || row.expiresAt.getTime() <= this.now()) return null;
    return {
      principal: row.principal as Principal,
      workspaceId: row.workspaceId,
      authorization: this.options.secrets.decrypt(row.credential, sealContext(ticketHash)),
    };
  }
}
