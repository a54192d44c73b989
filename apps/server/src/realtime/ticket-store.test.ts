import type { Principal } from '@agent-fleet/core';
import { describe, expect, it } from 'vitest';
import { TicketStore } from './ticket-store.js';

const principal: Principal = {
  kind: 'user',
  userId: 'u1',
  sessionId: 's1',
  apiKeyId: null,
  apiKeyWorkspaceId: null,
  apiKeyRole: null,
  label: 'a@example.test',
};
const grant = { principal, workspaceId: 'w1', authorization: 'Bearer token' };

describe('TicketStore', () => {
  it('redeems a ticket once, for the grant it was issued with', () => {
    const store = new TicketStore();
    const { ticket } = store.issue(grant);
    expect(store.redeem(ticket)).toEqual(grant);
    expect(store.redeem(ticket)).toBeNull();
    expect(store.redeem('not-a-ticket')).toBeNull();
  });

  it('refuses a ticket once its lifetime has passed, and says when that is', () => {
    let now = 1_000_000;
    const store = new TicketStore({ ttlMs: 30_000, now: () => now });
    const early = store.issue(grant);
    const late = store.issue(grant);
    expect(early.expiresAt.getTime()).toBe(now + 30_000);
    now += 29_999;
    expect(store.redeem(early.ticket)).toEqual(grant);
    now += 1;
    expect(store.redeem(late.ticket)).toBeNull();
  });

  it('keeps only a hash of each ticket, and at most maxTickets of them', () => {
    const store = new TicketStore({ maxTickets: 2 });
    const first = store.issue(grant);
    const kept = (store as unknown as { tickets: Map<string, unknown> }).tickets;
    expect([...kept.keys()]).not.toContain(first.ticket);
    const second = store.issue(grant);
    const third = store.issue(grant);
    expect(kept.size).toBe(2);
    expect(store.redeem(first.ticket)).toBeNull();
    expect(store.redeem(second.ticket)).toEqual(grant);
    expect(store.redeem(third.ticket)).toEqual(grant);
  });
});
