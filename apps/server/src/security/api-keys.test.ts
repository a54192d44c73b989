import { createHash } from 'node:crypto';
import { schema } from '@agent-fleet/db';
import { buildAgentInput } from '@agent-fleet/testing';
import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
}

/** Creates a key as `creator` and returns it with its one-time secret. */
async function createKey(creator: SignedIn, role: string, name = `${role} key`): Promise<CreatedKey> {
  const res = await creator.client.post('/api/v1/api-keys').send({ name, role });
  expect(res.status).toBe(201);
  return res.body as CreatedKey;
}

/** Sends each labelled request in turn; returns label → "status code", so a failure names every route. */
async function outcomes(attempts: Record<string, PromiseLike<request.Response>>): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [label, attempt] of Object.entries(attempts)) {
    const res = await attempt;
    result[label] = `${res.status} ${res.body.code ?? ''}`.trim();
  }
  return result;
}

/** The same expected outcome for every label. */
const every = (attempts: object, outcome: string): Record<string, string> =>
  Object.fromEntries(Object.keys(attempts).map((label) => [label, outcome]));

const keyRows = () => t.database.db.select().from(schema.apiKeys);

describe('what a key may do', () => {
  it('lets a viewer key read agents but refuses its writes with 403', async () => {
    const agent = await owner.client.post('/api/v1/agents').send(buildAgentInput());
    const viewerKey = t.client((await createKey(owner, 'viewer')).key);

    expect((await viewerKey.get('/api/v1/agents')).body.items).toHaveLength(1);
    expect((await viewerKey.get(`/api/v1/agents/${agent.body.id}`)).status).toBe(200);
    const attempts = {
      'POST agents': viewerKey.post('/api/v1/agents').send(buildAgentInput()),
      'PATCH agent': viewerKey.patch(`/api/v1/agents/${agent.body.id}`).send({ description: 'changed by a viewer key' }),
      'DELETE agent': viewerKey.delete(`/api/v1/agents/${agent.body.id}`),
      'POST api-keys': viewerKey.post('/api/v1/api-keys').send({ name: 'child', role: 'viewer' }),
    };
    expect(await outcomes(attempts)).toEqual(every(attempts, '403 forbidden'));
    const after = await owner.client.get('/api/v1/agents');
    expect(after.body.items).toEqual([expect.objectContaining({ id: agent.body.id, version: 1 })]);
  });

  it('lets an editor mint a viewer key but not an admin or owner key', async () => {
    const editor = await t.addUser(owner, 'editor');
    for (const role of ['admin', 'owner']) {
      const res = await editor.client.post('/api/v1/api-keys').send({ name: `${role} attempt`, role });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect(await keyRows()).toEqual([]);
    const viewerKey = await createKey(editor, 'viewer');
    expect(viewerKey).toMatchObject({ role: 'viewer', createdBy: editor.user.id });
    expect((await t.client(viewerKey.key).get('/api/v1/agents')).status).toBe(200);
  });

  it('keeps keys out of user-only routes', async () => {
    const ownerKey = t.client((await createKey(owner, 'owner')).key);
    const attempts = {
      'POST /me/password': ownerKey
        .post('/api/v1/me/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a key chose this password' }),
      'POST /auth/logout': ownerKey.post('/api/v1/auth/logout'),
      'PATCH /me': ownerKey.patch('/api/v1/me').send({ name: 'Renamed by a key' }),
      'POST /workspaces': ownerKey.post('/api/v1/workspaces').send({ name: 'Key workspace' }),
    };
    expect(await outcomes(attempts)).toEqual(every(attempts, '403 forbidden'));
    // Nothing happened: the password, the session, the name and the workspaces are as before.
    expect((await owner.client.get('/api/v1/me')).body).toMatchObject({
      user: { name: 'Olivia Owner' },
      memberships: [expect.anything()],
    });
    expect((await t.anonymous.post('/api/v1/auth/login').send({ email: owner.user.email, password: TEST_PASSWORD })).status).toBe(
      200,
    );
    expect(await t.database.db.select().from(schema.workspaces)).toHaveLength(1);
  });
});

describe('the secret', () => {
  it('is shown once on creation and stored only as a hash', async () => {
    const res = await owner.client.post('/api/v1/api-keys').send({ name: 'ci', role: 'editor' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { key, prefix } = res.body as CreatedKey;
    expect(key).toMatch(/^af_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    const secret = key.slice(prefix.length + 1);

    const listed = await owner.client.get('/api/v1/api-keys');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: res.body.id, prefix })]);
    expect(listed.body.items[0]).not.toHaveProperty('key');
    expect(listed.body.items[0]).not.toHaveProperty('secretHash');
    expect(listed.text).not.toContain(secret);

    const [row] = await keyRows();
    expect(row?.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('refuses expired and revoked keys with 401', async () => {
    const expiring = await createKey(owner, 'viewer', 'expiring');
    const revoked = await createKey(owner, 'viewer', 'revoked');
    for (const created of [expiring, revoked]) expect((await t.client(created.key).get('/api/v1/agents')).status).toBe(200);

    // The API refuses a past expiry, so the clock is moved in the database: this key expired a minute ago.
    await t.database.db.execute(`update api_keys set expires_at = now() - interval '1 minute' where id = '${expiring.id}'`);
    expect((await keyRows()).filter((row) => row.expiresAt !== null).map((row) => row.id)).toEqual([expiring.id]);
    expect((await owner.client.delete(`/api/v1/api-keys/${revoked.id}`)).status).toBe(204);

    for (const created of [expiring, revoked]) {
      const res = await t.client(created.key).get('/api/v1/agents');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('records lastUsedAt only once the key is used', async () => {
    const created = await createKey(owner, 'viewer');
    expect(created).toMatchObject({ lastUsedAt: null });
    expect((await owner.client.get('/api/v1/api-keys')).body.items[0].lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await t.client(created.key).get('/api/v1/agents')).status).toBe(200);
    const lastUsedAt = (await owner.client.get('/api/v1/api-keys')).body.items[0].lastUsedAt as string;
    expect(Date.parse(lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(lastUsedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe("a key follows its creator's membership", () => {
  it('narrows a key when its creator is demoted', async () => {
    const admin = await t.addUser(owner, 'admin');
    const editorKey = t.client((await createKey(admin, 'editor')).key);
    expect((await editorKey.post('/api/v1/agents').send(buildAgentInput())).status).toBe(201);

    expect((await owner.client.patch(`/api/v1/members/${admin.user.id}`).send({ role: 'viewer' })).status).toBe(200);
    const refused = await editorKey.post('/api/v1/agents').send(buildAgentInput());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await editorKey.get('/api/v1/agents')).status).toBe(200);
    expect((await owner.client.get('/api/v1/agents')).body.total).toBe(1);
  });

  it('stops a key whose creator was deactivated or removed, with 401', async () => {
    const editor = await t.addUser(owner, 'editor');
    const key = t.client((await createKey(editor, 'viewer')).key);
    expect((await key.get('/api/v1/agents')).status).toBe(200);

    expect((await owner.client.patch(`/api/v1/members/${editor.user.id}`).send({ active: false })).status).toBe(200);
    expect((await key.get('/api/v1/agents')).status).toBe(401);
    expect((await owner.client.patch(`/api/v1/members/${editor.user.id}`).send({ active: true })).status).toBe(200);
    expect((await key.get('/api/v1/agents')).status).toBe(200);

    expect((await owner.client.delete(`/api/v1/members/${editor.user.id}`)).status).toBe(204);
    const res = await key.get('/api/v1/agents');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('does not let an admin mint an owner key', async () => {
    const admin = await t.addUser(owner, 'admin');
    const res = await admin.client.post('/api/v1/api-keys').send({ name: 'owner by the back door', role: 'owner' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect(await keyRows()).toEqual([]);
  });

  it('does not let a key act as owner once its creator is no longer one', async () => {
    const coOwner = await t.addUser(owner, 'owner');
    const ownerKey = t.client((await createKey(coOwner, 'owner')).key);
    expect((await owner.client.patch(`/api/v1/members/${coOwner.user.id}`).send({ role: 'admin' })).status).toBe(200);

    // The creator is an admin now; admins cannot change owners, so neither can the key.
    const regain = await ownerKey.patch(`/api/v1/members/${coOwner.user.id}`).send({ role: 'owner' });
    expect(regain.status).toBe(403);
    const demoteOwner = await ownerKey.patch(`/api/v1/members/${owner.user.id}`).send({ role: 'viewer' });
    expect(demoteOwner.status).toBe(403);
    const members = (await owner.client.get('/api/v1/members')).body.items as { userId: string; role: string }[];
    expect(Object.fromEntries(members.map((m) => [m.userId, m.role]))).toEqual({
      [owner.user.id]: 'owner',
      [coOwner.user.id]: 'admin',
    });
  });
});

describe("someone else's key", () => {
  it('is invisible to a non-manager (404 on revoke) and visible and revocable for an admin', async () => {
    const author = await t.addUser(owner, 'editor');
    const bystander = await t.addUser(owner, 'editor');
    const admin = await t.addUser(owner, 'admin');
    const created = await createKey(author, 'viewer');

    expect((await bystander.client.get('/api/v1/api-keys')).body.items).toEqual([]);
    const hidden = await bystander.client.delete(`/api/v1/api-keys/${created.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('not_found');
    expect((await t.client(created.key).get('/api/v1/agents')).status).toBe(200);

    expect((await admin.client.get('/api/v1/api-keys')).body.items).toEqual([
      expect.objectContaining({ id: created.id, createdBy: author.user.id, revokedAt: null }),
    ]);
    expect((await admin.client.delete(`/api/v1/api-keys/${created.id}`)).status).toBe(204);
    expect((await t.client(created.key).get('/api/v1/agents')).status).toBe(401);
    expect((await author.client.get('/api/v1/api-keys')).body.items).toEqual([
      expect.objectContaining({ id: created.id, revokedAt: expect.any(String) }),
    ]);
  });
});
