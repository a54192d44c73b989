import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../test-support.js';
import { dataFingerprint } from './fuzz/data-fingerprint.js';

/**
 * A write and its audit event commit in one transaction, so a request that fails anywhere (here: the
 * audit insert itself, refused by a trigger) answers 5xx and leaves no trace. Before the unit of work, an
 * API key was committed without its `api_key.created` event, and route handlers wrote audit rows after
 * the change had committed.
 */
let t: TestApp;
let owner: SignedIn;
let agentId: string;
let viewerId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  viewerId = (await t.addUser(owner, 'viewer')).user.id;
  const api = owner.client;
  agentId = (await api.post('/api/v1/agents').send({ name: 'Doomed', model: { provider: 'mock', model: 'echo' } })).body.id;
  await api.post('/api/v1/conversations').send({ agentId });
  await api.post('/api/v1/prompts').send({ name: 'alpha', source: { type: 'text', body: 'Hi' } });
  await api.put('/api/v1/prompts/alpha/labels/staging').send({ version: 1 });
  await api.put('/api/v1/providers/ollama').send({ kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' });
  await api
    .put('/api/v1/model-prices')
    .send({ provider: 'mock', model: 'priced', prices: { input: 1, output: 2, cachedInput: 1, cacheWrite: 1, reasoning: 2 } });
  // One statement per query: the extended protocol refuses several.
  for (const statement of [
    `create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused by the test'; end $$`,
    'create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()',
    'alter table audit_events disable trigger refuse_audit',
  ]) {
    await t.database.db.execute(sql.raw(statement));
  }
}, 120_000);
afterAll(async () => {
  await t.close();
});

const refuseAudit = (on: boolean) =>
  t.database.db.execute(sql.raw(`alter table audit_events ${on ? 'enable' : 'disable'} trigger refuse_audit`));

const cases: [string, () => Promise<{ status: number }>][] = [
  ['creating an API key', () => owner.client.post('/api/v1/api-keys').send({ name: 'ci', role: 'viewer' })],
  ['deleting an agent', () => owner.client.delete(`/api/v1/agents/${agentId}`)],
  [
    'setting a provider',
    () => owner.client.put('/api/v1/providers/lmstudio').send({ kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:8/v1' }),
  ],
  ['removing a provider', () => owner.client.delete('/api/v1/providers/ollama')],
  [
    'overriding a model price',
    () =>
      owner.client
        .put('/api/v1/model-prices')
        .send({ provider: 'mock', model: 'other', prices: { input: 1, output: 2, cachedInput: 1, cacheWrite: 1, reasoning: 2 } }),
  ],
  ['resetting a model price', () => owner.client.delete('/api/v1/model-prices?provider=mock&model=priced')],
  ['moving a prompt label', () => owner.client.put('/api/v1/prompts/alpha/labels/production').send({ version: 1 })],
  ['removing a prompt label', () => owner.client.delete('/api/v1/prompts/alpha/labels/staging')],
  ['deleting a prompt template', () => owner.client.delete('/api/v1/prompts/alpha')],
  ['creating a role', () => owner.client.post('/api/v1/roles').send({ name: 'auditor', permissions: ['audit:read'] })],
  ['inviting someone', () => owner.client.post('/api/v1/invitations').send({ role: 'viewer' })],
  ['changing a member’s role', () => owner.client.patch(`/api/v1/members/${viewerId}`).send({ role: 'editor' })],
  ['removing a member', () => owner.client.delete(`/api/v1/members/${viewerId}`)],
  ['signing in', () => t.anonymous.post('/api/v1/auth/login').send({ email: owner.user.email, password: TEST_PASSWORD })],
  [
    'changing a password',
    () =>
      owner.client.post('/api/v1/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' }),
  ],
  ['signing out', () => owner.client.post('/api/v1/auth/logout')],
];

describe('a write and its audit event', () => {
  it.each(cases)('%s: when the audit event cannot be written, nothing is', async (_label, act) => {
    const before = await dataFingerprint(t.database, t.blobDir);
    await refuseAudit(true);
    let status: number;
    try {
      status = (await act()).status;
    } finally {
      await refuseAudit(false);
    }
    expect(status).toBe(500);
    expect(await dataFingerprint(t.database, t.blobDir)).toBe(before);
  });

  it('deleting a conversation: nothing is written without its audit event', async () => {
    const conversations = await owner.client.get('/api/v1/conversations');
    const id = conversations.body.items[0].id as string;
    const before = await dataFingerprint(t.database, t.blobDir);
    await refuseAudit(true);
    try {
      expect((await owner.client.delete(`/api/v1/conversations/${id}`)).status).toBe(500);
    } finally {
      await refuseAudit(false);
    }
    expect(await dataFingerprint(t.database, t.blobDir)).toBe(before);
  });

  it('records each of these actions when the audit log accepts it (and the fingerprint sees it)', async () => {
    const before = await dataFingerprint(t.database, t.blobDir);
    expect((await owner.client.put('/api/v1/prompts/alpha/labels/production').send({ version: 1 })).status).toBe(200);
    expect((await owner.client.delete('/api/v1/prompts/alpha/labels/staging')).status).toBe(204);
    expect((await owner.client.delete(`/api/v1/agents/${agentId}`)).status).toBe(204);
    expect(await dataFingerprint(t.database, t.blobDir)).not.toBe(before);
    const events = await owner.client.get('/api/v1/audit-events?limit=5');
    expect(events.body.items.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining(['prompt.label_moved', 'prompt.label_deleted', 'agent.deleted']),
    );
    const moved = events.body.items.find((event: { action: string }) => event.action === 'prompt.label_moved');
    expect(moved.metadata).toEqual({ name: 'alpha', label: 'production', from: null, to: 1 });
  });
});
