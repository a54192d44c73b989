import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp({ env: { SIGNUP_OPEN: true } });
  owner = await t.signupOwner('owner@example.test');
});
afterEach(async () => {
  await t.close();
});

const keyFor = async (role: string) => {
  const res = await owner.client.post('/api/v1/api-keys').send({ name: `${role} key`, role });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
};

describe('hardening', () => {
  it('does not let an API key create or revoke keys', async () => {
    const key = await keyFor('editor');
    const client = t.client(key.key);
    expect((await client.post('/api/v1/api-keys').send({ name: 'child', role: 'viewer' })).status).toBe(403);
    expect((await client.delete(`/api/v1/api-keys/${key.id}`)).status).toBe(403);
  });

  it('shows an API key only its own workspace in /me', async () => {
    const second = await owner.client.post('/api/v1/workspaces').send({ name: 'Second' });
    expect(second.status).toBe(201);
    expect((await owner.client.get('/api/v1/me')).body.memberships).toHaveLength(2);
    const key = await keyFor('viewer');
    const me = await t.client(key.key).get('/api/v1/me');
    expect(me.body.memberships.map((m: { workspaceSlug: string }) => m.workspaceSlug)).toEqual(['default']);
  });

  it('refuses to delete a custom role still held by an API key or a pending invitation', async () => {
    const role = await owner.client.post('/api/v1/roles').send({ name: 'reader', permissions: ['agents:read'] });
    const key = await keyFor('reader');
    const held = await owner.client.delete(`/api/v1/roles/${role.body.id}`);
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('role_in_use');
    await owner.client.delete(`/api/v1/api-keys/${key.id}`);
    const invitation = await owner.client.post('/api/v1/invitations').send({ role: 'reader' });
    expect((await owner.client.delete(`/api/v1/roles/${role.body.id}`)).status).toBe(409);
    await owner.client.delete(`/api/v1/invitations/${invitation.body.id}`);
    expect((await owner.client.delete(`/api/v1/roles/${role.body.id}`)).status).toBe(204);
  });

  it('records a failed login as anonymous, with the address, against the targeted user', async () => {
    await t.anonymous.post('/api/v1/auth/login').send({ email: 'owner@example.test', password: 'wrong password!' });
    const events = await owner.client.get('/api/v1/audit-events?action=auth.login_failed');
    expect(events.body.items).toEqual([
      expect.objectContaining({
        actorType: 'anonymous',
        actorId: null,
        targetType: 'user',
        targetId: owner.user.id,
        ip: expect.any(String),
      }),
    ]);
  });
});
