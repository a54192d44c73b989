import type { AuditEvent } from '@agent-fleet/contracts';
import { buildAgentInput } from '@agent-fleet/testing';
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

/** Every event of the owner's workspace, newest first. */
async function allEvents(query: Record<string, string> = {}): Promise<AuditEvent[]> {
  const res = await owner.client.get('/api/v1/audit-events').query({ limit: '100', ...query });
  expect(res.status).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items as AuditEvent[];
}

const only = (events: AuditEvent[], action: AuditEvent['action']) => events.filter((event) => event.action === action);

/** A small history by two people: an invitation, a role change, a key, a custom role and an agent. */
async function makeHistory(): Promise<{ member: SignedIn; keyId: string; roleId: string; agentId: string }> {
  const member = await t.addUser(owner, 'viewer');
  expect((await owner.client.patch(`/api/v1/members/${member.user.id}`).send({ role: 'editor' })).status).toBe(200);
  const key = await owner.client.post('/api/v1/api-keys').send({ name: 'deploy', role: 'viewer' });
  expect((await owner.client.delete(`/api/v1/api-keys/${key.body.id}`)).status).toBe(204);
  const role = await owner.client.post('/api/v1/roles').send({ name: 'auditor', permissions: ['audit:read'] });
  const agent = await member.client.post('/api/v1/agents').send(buildAgentInput({ name: 'Doomed' }));
  expect((await member.client.delete(`/api/v1/agents/${agent.body.id}`)).status).toBe(204);
  expect((await owner.client.delete(`/api/v1/members/${member.user.id}`)).status).toBe(204);
  return { member, keyId: key.body.id, roleId: role.body.id, agentId: agent.body.id };
}

describe('what is recorded', () => {
  it('records sign-up, login, failed login and logout with actor, target and address', async () => {
    const email = owner.user.email;
    expect((await t.anonymous.post('/api/v1/auth/login').send({ email, password: 'not the password' })).status).toBe(401);
    const login = await t.anonymous.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    expect((await t.client(login.body.accessToken).post('/api/v1/auth/logout')).status).toBe(204);

    const events = await allEvents();
    expect(events.map((event) => event.action)).toEqual(['auth.logout', 'auth.login', 'auth.login_failed', 'auth.signup']);
    const target = { targetType: 'user', targetId: owner.user.id };
    expect(only(events, 'auth.signup')).toEqual([
      expect.objectContaining({
        ...target,
        actorType: 'user',
        actorId: owner.user.id,
        actorLabel: email,
        metadata: { role: 'owner' },
      }),
    ]);
    expect(only(events, 'auth.login')).toEqual([
      expect.objectContaining({ ...target, actorType: 'user', actorId: owner.user.id }),
    ]);
    expect(only(events, 'auth.login_failed')).toEqual([expect.objectContaining(target)]);
    expect(only(events, 'auth.logout')).toEqual([
      expect.objectContaining({ ...target, actorType: 'user', actorId: owner.user.id }),
    ]);
    for (const event of events) expect(event.ip).toEqual(expect.any(String));
  });

  it('records member, invitation, API key, role and agent actions with actor, target and details', async () => {
    const { member, keyId, roleId, agentId } = await makeHistory();
    const events = await allEvents();
    const actor = { actorType: 'user', actorId: owner.user.id };

    expect(only(events, 'invitation.created')).toEqual([
      expect.objectContaining({ ...actor, targetType: 'invitation', metadata: { role: 'viewer', email: null } }),
    ]);
    expect(only(events, 'auth.signup')[0]).toMatchObject({
      actorId: member.user.id,
      targetId: member.user.id,
      metadata: { role: 'viewer' },
    });
    expect(only(events, 'member.role_changed')).toEqual([
      expect.objectContaining({
        ...actor,
        targetType: 'user',
        targetId: member.user.id,
        metadata: { from: 'viewer', to: 'editor' },
      }),
    ]);
    expect(only(events, 'api_key.created')).toEqual([
      expect.objectContaining({ ...actor, targetType: 'api_key', targetId: keyId, metadata: { name: 'deploy', role: 'viewer' } }),
    ]);
    expect(only(events, 'api_key.revoked')).toEqual([
      expect.objectContaining({ ...actor, targetType: 'api_key', targetId: keyId }),
    ]);
    expect(only(events, 'role.created')).toEqual([
      expect.objectContaining({ ...actor, targetType: 'role', targetId: roleId, metadata: { name: 'auditor' } }),
    ]);
    expect(only(events, 'agent.deleted')).toEqual([
      expect.objectContaining({
        actorType: 'user',
        actorId: member.user.id,
        targetType: 'agent',
        targetId: agentId,
        metadata: { name: 'Doomed' },
      }),
    ]);
    expect(only(events, 'member.removed')).toEqual([
      expect.objectContaining({ ...actor, targetType: 'user', targetId: member.user.id, metadata: { role: 'editor' } }),
    ]);
  });

  it('names the API key, not its creator, as the actor of what the key did', async () => {
    const key = await owner.client.post('/api/v1/api-keys').send({ name: 'cleanup', role: 'editor' });
    const agent = await owner.client.post('/api/v1/agents').send(buildAgentInput());
    expect((await t.client(key.body.key).delete(`/api/v1/agents/${agent.body.id}`)).status).toBe(204);
    expect(only(await allEvents(), 'agent.deleted')).toEqual([
      expect.objectContaining({
        actorType: 'api_key',
        actorId: key.body.id,
        actorLabel: key.body.prefix,
        targetId: agent.body.id,
      }),
    ]);
  });
});

describe('browsing the log', () => {
  it('filters by action and by actor', async () => {
    const { member } = await makeHistory();
    const everything = await allEvents();

    const roleChanges = await allEvents({ action: 'member.role_changed' });
    expect(roleChanges).toHaveLength(1);
    expect(roleChanges).toEqual(only(everything, 'member.role_changed'));

    const byMember = await allEvents({ actorId: member.user.id });
    expect(byMember.map((event) => event.action)).toEqual(['agent.deleted', 'auth.signup']);
    expect(byMember).toEqual(everything.filter((event) => event.actorId === member.user.id));
    const byTheOwner = await allEvents({ actorId: owner.user.id });
    expect(byTheOwner.length).toBeGreaterThan(5);
    expect(byTheOwner).toEqual(everything.filter((event) => event.actorId === owner.user.id));

    expect(await allEvents({ action: 'agent.deleted', actorId: owner.user.id })).toEqual([]);
  });

  it('filters by time range, both bounds inclusive', async () => {
    const { member } = await makeHistory();
    const everything = await allEvents();
    // The invitee's sign-up hashed a password: it is at least milliseconds apart from its neighbours.
    const boundary = (only(everything, 'auth.signup').find((event) => event.actorId === member.user.id) as AuditEvent).createdAt;
    const at = Date.parse(boundary);

    const from = await allEvents({ from: boundary });
    expect(from).toEqual(everything.filter((event) => Date.parse(event.createdAt) >= at));
    expect(from.map((event) => event.action)).not.toContain('invitation.created');
    const to = await allEvents({ to: boundary });
    expect(to).toEqual(everything.filter((event) => Date.parse(event.createdAt) <= at));
    expect(to.map((event) => event.action)).toEqual(['auth.signup', 'invitation.created', 'auth.signup']);
    expect(await allEvents({ from: boundary, to: boundary })).toEqual(everything.filter((event) => event.createdAt === boundary));
    expect(await allEvents({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('pages newest first with limit=2, each event exactly once', async () => {
    await makeHistory();
    const everything = await allEvents();
    expect(everything.length).toBeGreaterThan(8);

    const walked: AuditEvent[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.client.get('/api/v1/audit-events').query(cursor ? { limit: '2', cursor } : { limit: '2' });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      walked.push(...(res.body.items as AuditEvent[]));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 50);

    expect(cursor).toBeNull();
    expect(pages).toBe(Math.ceil(everything.length / 2));
    expect(new Set(walked.map((event) => event.id)).size).toBe(walked.length);
    expect(walked).toEqual(everything);
    const times = walked.map((event) => Date.parse(event.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('is closed to viewers, operators and editors (403)', async () => {
    for (const role of ['viewer', 'operator', 'editor']) {
      const member = await t.addUser(owner, role);
      const res = await member.client.get('/api/v1/audit-events');
      expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'forbidden' });
    }
  });

  it('refuses unknown actions and malformed times with 400', async () => {
    const badAction = await owner.client.get('/api/v1/audit-events').query({ action: 'agent.stolen' });
    expect(badAction.status).toBe(400);
    expect(badAction.body.code).toBe('validation_failed');
    expect(badAction.body.errors).toEqual([expect.objectContaining({ path: 'query.action' })]);
    const badTime = await owner.client.get('/api/v1/audit-events').query({ from: 'yesterday' });
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors).toEqual([expect.objectContaining({ path: 'query.from' })]);
  });
});
