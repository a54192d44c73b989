import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '@agent-fleet/core';

/** What a ticket stands for: who connects, to which workspace, and the credential re-checked while connected. */
export interface TicketGrant {
  principal: Principal;
  workspaceId: string;
  /** The `Authorization` value the ticket was issued to; re-authenticated while the socket lives. */
  authorization: string;
}

export interface TicketStoreOptions {
  /** How long a ticket can be used, in ms. Default 30000. */
  ttlMs?: number;
  /** Tickets outstanding at most; the oldest go first. Default 10000. */
  maxTickets?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');

/**
 * Short-lived, single-use tickets that let a browser open a WebSocket (it cannot set headers on one).
 * Kept in this process's memory, by hash only: a ticket is redeemed on the server that issued it, which
 * holds for one server or for sticky sessions; several servers behind a non-sticky balancer need a shared
 * table instead. A ticket is worth little stolen: it expires within seconds and works once.
 */
export class TicketStore {
  private readonly tickets = new Map<string, TicketGrant & { expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxTickets: number;
  private readonly now: () => number;

  constructor(options: TicketStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxTickets = options.maxTickets ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  issue(grant: TicketGrant): { ticket: string; expiresAt: Date } {
    const now = this.now();
    // Issued in order with one lifetime, so the expired ones are at the front.
    for (const [key, held] of this.tickets) {
      if (held.expiresAt > now) break;
      this.tickets.delete(key);
    }
    if (this.tickets.size >= this.maxTickets) this.tickets.delete(this.tickets.keys().next().value as string);
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.tickets.set(hash(ticket), { ...grant, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt) };
  }

  /** The ticket's grant, once; null when it is unknown, used or expired. */
  redeem(ticket: string): TicketGrant | null {
    const key = hash(ticket);
    const held = this.tickets.get(key);
    this.tickets.delete(key);
    if (!held || held.expiresAt <= this.now()) return null;
    return { principal: held.principal, workspaceId: held.workspaceId, authorization: held.authorization };
  }
}
