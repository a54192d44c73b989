import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-support.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('first run and sign-up', () => {
  it('makes the first person owner of the default workspace, then closes sign-up', async () => {
    expect((await t.anonymous.get('/api/v1/auth/setup')).body).toEqual({ needsSetup: true, signupOpen: false });
    const owner = await t.signupOwner('first@example.test');
    expect(owner.refreshCookie).toMatch(/^af_refresh=.+; Path=\/api\/v1\/auth; Expires=.+; HttpOnly; SameSite=Strict$/);
    const me = await owner.client.get('/api/v1/me');
    expect(me.body.user.email).toBe('first@example.test');
    expect(me.body.memberships).toHaveLength(1);
    expect(me.body.memberships[0]).toMatchObject({ workspaceSlug: 'default', role: 'owner' });
    expect((await t.anonymous.get('/api/v1/auth/setup')).body.needsSetup).toBe(false);

    const second = await t.anonymous
      .post('/api/v1/auth/signup')
      .send({ email: 'x@example.test', password: TEST_PASSWORD, name: 'X' });
    expect(second.status).toBe(403);
    expect(second.body.code).toBe('signup_closed');
  });

  it('opens sign-up into a new own workspace when configured', async () => {
    const open = await createTestApp({ env: { SIGNUP_OPEN: true } });
    try {
      await open.signupOwner();
      const res = await open.anonymous
        .post('/api/v1/auth/signup')
        .send({ email: 'y@example.test', password: TEST_PASSWORD, name: 'Yann' });
      expect(res.status).toBe(201);
      const me = await open.client(res.body.accessToken).get('/api/v1/me');
      expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'owner', workspaceName: "Yann's workspace" })]);
      expect(me.body.memberships[0].workspaceSlug).not.toBe('default');
    } finally {
      await open.close();
    }
  });

  it('joins by invitation with the invited role, once', async () => {
    const owner = await t.signupOwner();
    const invitation = await owner.client.post('/api/v1/invitations').send({ role: 'viewer', email: 'vera@example.test' });
    expect(invitation.status).toBe(201);
    expect(invitation.body.token).toEqual(expect.any(String));
    const wrongEmail = await t.anonymous
      .post('/api/v1/auth/signup')
      .send({ email: 'other@example.test', password: TEST_PASSWORD, name: 'O', inviteToken: invitation.body.token });
    expect(wrongEmail.status).toBe(400);
    expect(wrongEmail.body.code).toBe('invitation_invalid');
    const joined = await t.anonymous
      .post('/api/v1/auth/signup')
      .send({ email: 'vera@example.test', password: TEST_PASSWORD, name: 'Vera', inviteToken: invitation.body.token });
    expect(joined.status).toBe(201);
    const me = await t.client(joined.body.accessToken).get('/api/v1/me');
    expect(me.body.memberships[0]).toMatchObject({ role: 'viewer', workspaceSlug: 'default' });
    const reuse = await t.anonymous
      .post('/api/v1/auth/signup')
      .send({ email: 'vera2@example.test', password: TEST_PASSWORD, name: 'V2', inviteToken: invitation.body.token });
    expect(reuse.status).toBe(400);
    const listed = await owner.client.get('/api/v1/invitations');
    expect(listed.body.items[0]).toMatchObject({ role: 'viewer', acceptedAt: expect.any(String) });
    expect(listed.body.items[0]).not.toHaveProperty('token');
  });

  it('refuses a registered email with 409 and weak passwords with 400', async () => {
    const owner = await t.signupOwner('dup@example.test');
    const invitation = await owner.client.post('/api/v1/invitations').send({ role: 'viewer' });
    const dup = await t.anonymous
      .post('/api/v1/auth/signup')
      .send({ email: 'DUP@example.test', password: TEST_PASSWORD, name: 'D', inviteToken: invitation.body.token });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
    const weak = await t.anonymous.post('/api/v1/auth/signup').send({ email: 'w@example.test', password: 'short', name: 'W' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].path).toBe('password');
  });
});

describe('login, refresh and logout', () => {
  it('logs in, rotates the refresh cookie, and revokes the chain when an old one is replayed', async () => {
    await t.signupOwner('rot@example.test');
    const login = await t.anonymous.post('/api/v1/auth/login').send({ email: 'ROT@example.test', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const first = cookieOf(login);
    const refreshed = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first);
    expect(refreshed.status).toBe(200);
    const second = cookieOf(refreshed);
    expect(second).not.toBe(first);
    expect((await t.client(refreshed.body.accessToken).get('/api/v1/me')).status).toBe(200);

    const replay = await request(t.app).post('/api/v1/auth/refresh').set('Cookie', first);
    expect(replay.status).toBe(401);
    // The whole family is gone: the newest refresh token and the access tokens of the session.
    expect((await request(t.app).post('/api/v1/auth/refresh').set('Cookie', second)).status).toBe(401);
    expect((await t.client(refreshed.body.accessToken).get('/api/v1/me')).status).toBe(401);
  });

  it('refuses wrong passwords and unknown emails identically', async () => {
    await t.signupOwner('known@example.test');
    const wrong = await t.anonymous
      .post('/api/v1/auth/login')
      .send({ email: 'known@example.test', password: 'not the password' });
    const unknown = await t.anonymous
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('logs out: the access token and the refresh cookie stop working', async () => {
    const owner = await t.signupOwner();
    const logout = await owner.client.post('/api/v1/auth/logout');
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/af_refresh=;/);
    expect((await owner.client.get('/api/v1/me')).status).toBe(401);
    expect(
      (
        await request(t.app)
          .post('/api/v1/auth/refresh')
          .set('Cookie', owner.refreshCookie.split(';')[0] ?? '')
      ).status,
    ).toBe(401);
  });

  it('changes the password, ending other sessions but not this one', async () => {
    const owner = await t.signupOwner('pw@example.test');
    const other = await t.anonymous.post('/api/v1/auth/login').send({ email: 'pw@example.test', password: TEST_PASSWORD });
    const wrong = await owner.client
      .post('/api/v1/me/password')
      .send({ currentPassword: 'nope', newPassword: 'a new long password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('currentPassword');
    const changed = await owner.client
      .post('/api/v1/me/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a new long password' });
    expect(changed.status).toBe(204);
    expect((await owner.client.get('/api/v1/me')).status).toBe(200);
    expect((await t.client(other.body.accessToken).get('/api/v1/me')).status).toBe(401);
    expect(
      (await t.anonymous.post('/api/v1/auth/login').send({ email: 'pw@example.test', password: TEST_PASSWORD })).status,
    ).toBe(401);
    expect(
      (await t.anonymous.post('/api/v1/auth/login').send({ email: 'pw@example.test', password: 'a new long password' })).status,
    ).toBe(200);
  });
});

function cookieOf(res: request.Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
  return header.split(';')[0] ?? '';
}
