import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox, type Principal } from '@agent-fleet/core';
import { DrizzleWsTicketRepository, schema, type DatabaseHandle } from '@agent-fleet/db';
import { createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketStore } from './ticket-store.js';

let database: DatabaseHandle;
let grant: { principal: Principal; workspaceId: string; authorization: string };
const secrets = new SecretBox(randomBytes(32));

beforeAll(async () => {
  database = await createTestDatabase();
  const workspaceId = await insertWorkspace(database.db);
  const [user] = await database.db
    .insert(schema.users)
    .values({ email: `t-${randomUUID()}@example.test`, name: 'T', passwordHash: 'x' })
    .returning({ id: schema.users.id });
  const principal: Principal = {
    kind: 'user',
    userId: user?.id ?? '',
    sessionId: randomUUID(),
    apiKeyId: null,
    apiKeyWorkspaceId: null,
    apiKeyRole: null,
    label: 'a@example.test',
  };
  grant = { principal, workspaceId, authorization: 'Bearer token' };
});
afterAll(async () => {
  await database.close();
});

const store = (options: { ttlMs?: number; now?: () => number } = {}) =>
  new TicketStore({ rows: new DrizzleWsTicketRepository(database.db), secrets, ...options });

describe('TicketStore', () => {
  it('redeems a ticket once, for the grant it was issued with, on any store over the same table', async () => {
    const issuer = store();
    const { ticket } = await issuer.issue(grant);
    // Another server: another store, the same database.
    const other = store();
    expect(await other.redeem(ticket)).toEqual(grant);
    expect(await other.redeem(ticket)).toBeNull();
    expect(await issuer.redeem(ticket)).toBeNull();
    expect(await issuer.redeem('not-a-ticket')).toBeNull();
  });

  it('lets exactly one of many concurrent redeemers have a ticket', async () => {
    const { ticket } = await store().issue(grant);
    const answers = await Promise.all(Array.from({ length: 8 }, () => store().redeem(ticket)));
    expect(answers.filter((answer) => answer !== null)).toHaveLength(1);
  });

  it('refuses a ticket once its lifetime has passed, and says when that is', async () => {
    let now = Date.now();
    const clocked = store({ ttlMs: 30_000, now: () => now });
    const early = await clocked.issue(grant);
    const late = await clocked.issue(grant);
    expect(early.expiresAt.getTime()).toBe(now + 30_000);
    now += 29_999;
    expect(await clocked.redeem(early.ticket)).toEqual(grant);
    now += 1;
    expect(await clocked.redeem(late.ticket)).toBeNull();
  });

  it('keeps only a hash of each ticket and a sealed credential, and forgets expired ones', async () => {
    let now = Date.now();
    const clocked = store({ ttlMs: 1_000, now: () => now });
    const { ticket } = await clocked.issue(grant);
    const rows = await database.db.select().from(schema.wsTickets);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(ticket);
    expect(stored).not.toContain('Bearer token');
    now += 5_000;
    await clocked.issue(grant);
    const left = await database.db.select({ hash: schema.wsTickets.hash }).from(schema.wsTickets);
    // The expired ticket went with the next issue; only the new one is left.
    expect(left).toHaveLength(1);
    expect(await clocked.redeem(ticket)).toBeNull();
  });
});
