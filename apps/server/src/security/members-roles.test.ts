import { ALL_PERMISSIONS, BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES } from '@agent-fleet/contracts';
import { DEFAULT_WORKSPACE_ID } from '@agent-fleet/core';
import { schema } from '@agent-fleet/db';
import { buildAgentInput } from '@agent-fleet/testing';
import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

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

/** userId → role (and `-inactive` when deactivated), as the owner sees the member list. */
async function roster(): Promise<Record<string, string>> {
  const items = (await owner.client.get('/api/v1/members')).body.items as { userId: string; role: string; active: boolean }[];
  return Object.fromEntries(items.map((m) => [m.userId, m.active ? m.role : `${m.role}-inactive`]));
}

describe('admins and owners', () => {
  it('lets an admin list, re-role and remove members', async () => {
    const admin = await t.addUser(owner, 'admin');
    const viewer = await t.addUser(owner, 'viewer');
    const leaver = await t.addUser(owner, 'editor');

    const listed = await admin.client.get('/api/v1/members');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((m: { userId: string }) => m.userId)).toEqual([
      owner.user.id,
      admin.user.id,
      viewer.user.id,
      leaver.user.id,
    ]);

    const promoted = await admin.client.patch(`/api/v1/members/${viewer.user.id}`).send({ role: 'editor' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ userId: viewer.user.id, role: 'editor', active: true });
    expect((await viewer.client.post('/api/v1/agents').send(buildAgentInput())).status).toBe(201);

    expect((await admin.client.delete(`/api/v1/members/${leaver.user.id}`)).status).toBe(204);
    expect(await roster()).toEqual({ [owner.user.id]: 'owner', [admin.user.id]: 'admin', [viewer.user.id]: 'editor' });
    expect((await leaver.client.get('/api/v1/agents')).status).toBe(403);
    expect((await admin.client.delete(`/api/v1/members/${leaver.user.id}`)).status).toBe(404);
  });

  it('stops an admin from demoting, deactivating or removing an owner and from granting ownership', async () => {
    const admin = await t.addUser(owner, 'admin');
    const editor = await t.addUser(owner, 'editor');
    const attempts = {
      'demote the owner': admin.client.patch(`/api/v1/members/${owner.user.id}`).send({ role: 'viewer' }),
      'deactivate the owner': admin.client.patch(`/api/v1/members/${owner.user.id}`).send({ active: false }),
      'remove the owner': admin.client.delete(`/api/v1/members/${owner.user.id}`),
      'make self owner': admin.client.patch(`/api/v1/members/${admin.user.id}`).send({ role: 'owner' }),
      'make an editor owner': admin.client.patch(`/api/v1/members/${editor.user.id}`).send({ role: 'owner' }),
    };
    expect(await outcomes(attempts)).toEqual(every(attempts, '403 forbidden'));
    expect(await roster()).toEqual({ [owner.user.id]: 'owner', [admin.user.id]: 'admin', [editor.user.id]: 'editor' });
  });

  it('stops an admin from inviting someone as owner', async () => {
    const admin = await t.addUser(owner, 'admin');
    const res = await admin.client.post('/api/v1/invitations').send({ role: 'owner', email: 'accomplice@example.test' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect(await t.database.db.select().from(schema.invitations)).not.toContainEqual(expect.objectContaining({ role: 'owner' }));
  });

  it('keeps the last owner: no demotion, deactivation or removal (409 last_owner)', async () => {
    const attempts = {
      demote: owner.client.patch(`/api/v1/members/${owner.user.id}`).send({ role: 'admin' }),
      deactivate: owner.client.patch(`/api/v1/members/${owner.user.id}`).send({ active: false }),
      remove: owner.client.delete(`/api/v1/members/${owner.user.id}`),
    };
    expect(await outcomes(attempts)).toEqual(every(attempts, '409 last_owner'));
    expect(await roster()).toEqual({ [owner.user.id]: 'owner' });
  });

  it('lets one of two owners step down, after which the other is the last owner', async () => {
    const second = await t.addUser(owner, 'owner');
    const stepDown = await owner.client.patch(`/api/v1/members/${owner.user.id}`).send({ role: 'admin' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body).toMatchObject({ role: 'admin' });
    expect(await roster()).toEqual({ [owner.user.id]: 'admin', [second.user.id]: 'owner' });

    const last = await second.client.patch(`/api/v1/members/${second.user.id}`).send({ active: false });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('last_owner');
  });

  it('never ends with no owner when two owners step down at the same moment', async () => {
    const second = await t.addUser(owner, 'owner');
    const outcomes: string[] = [];
    // A race shows only sometimes, so it gets many rounds; each round starts again from two owners.
    for (let round = 0; round < 20; round += 1) {
      const [first, other] = await Promise.all([
        owner.client.patch(`/api/v1/members/${owner.user.id}`).send({ role: 'admin' }),
        second.client.patch(`/api/v1/members/${second.user.id}`).send({ role: 'admin' }),
      ]);
      outcomes.push(`${first.status}/${other.status}`);
      await t.database.db.update(schema.memberships).set({ role: 'owner' });
    }
    expect(outcomes.filter((outcome) => outcome === '200/200')).toEqual([]);
  });

  it('does not count a deactivated owner towards keeping an owner', async () => {
    const second = await t.addUser(owner, 'owner');
    expect((await owner.client.patch(`/api/v1/members/${second.user.id}`).send({ active: false })).status).toBe(200);
    const res = await owner.client.patch(`/api/v1/members/${owner.user.id}`).send({ role: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('last_owner');
  });
});

describe('deactivation', () => {
  it('locks a deactivated member out of the workspace until reactivated', async () => {
    const editor = await t.addUser(owner, 'editor');
    const deactivated = await owner.client.patch(`/api/v1/members/${editor.user.id}`).send({ active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ userId: editor.user.id, active: false });

    const noWorkspace = await editor.client.get('/api/v1/agents');
    expect(noWorkspace.status).toBe(403);
    expect(noWorkspace.body.code).toBe('forbidden');
    const oldWorkspace = await t.client(editor.token, DEFAULT_WORKSPACE_ID).post('/api/v1/agents').send(buildAgentInput());
    expect(oldWorkspace.status).toBe(404);
    expect(oldWorkspace.body.code).toBe('not_found');
    expect((await editor.client.get('/api/v1/me')).body.memberships).toEqual([]);
    expect((await owner.client.get('/api/v1/agents')).body.total).toBe(0);

    expect((await owner.client.patch(`/api/v1/members/${editor.user.id}`).send({ active: true })).status).toBe(200);
    expect((await editor.client.post('/api/v1/agents').send(buildAgentInput())).status).toBe(201);
    expect((await editor.client.get('/api/v1/me')).body.memberships).toEqual([
      expect.objectContaining({ workspaceId: DEFAULT_WORKSPACE_ID, role: 'editor' }),
    ]);
  });
});

describe('custom roles', () => {
  it("gives a member exactly the custom role's permissions, and follows changes to the role at once", async () => {
    const member = await t.addUser(owner, 'viewer');
    const created = await owner.client
      .post('/api/v1/roles')
      .send({ name: 'agent-author', description: 'Writes agents', permissions: ['agents:read', 'agents:create'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'agent-author',
      builtIn: false,
      memberCount: 0,
      permissions: ['agents:read', 'agents:create'],
    });

    expect((await owner.client.patch(`/api/v1/members/${member.user.id}`).send({ role: 'agent-author' })).status).toBe(200);
    const me = await member.client.get('/api/v1/me');
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: 'agent-author', permissions: ['agents:read', 'agents:create'] }),
    ]);

    const agent = await member.client.post('/api/v1/agents').send(buildAgentInput());
    expect(agent.status).toBe(201);
    expect((await member.client.get('/api/v1/agents')).status).toBe(200);
    const outside = {
      'DELETE agent': member.client.delete(`/api/v1/agents/${agent.body.id}`),
      'PATCH agent': member.client.patch(`/api/v1/agents/${agent.body.id}`).send({ description: 'x' }),
      'GET members': member.client.get('/api/v1/members'),
    };
    expect(await outcomes(outside)).toEqual(every(outside, '403 forbidden'));

    const widened = await owner.client
      .patch(`/api/v1/roles/${created.body.id}`)
      .send({ permissions: ['agents:read', 'agents:delete'] });
    expect(widened.status).toBe(200);
    expect(widened.body).toMatchObject({ memberCount: 1, permissions: ['agents:read', 'agents:delete'] });
    expect((await member.client.post('/api/v1/agents').send(buildAgentInput())).status).toBe(403);
    expect((await member.client.delete(`/api/v1/agents/${agent.body.id}`)).status).toBe(204);
    expect((await member.client.get('/api/v1/me')).body.memberships[0].permissions).toEqual(['agents:read', 'agents:delete']);
  });

  it('refuses to delete a role members hold (409 role_in_use) and deletes an unused one', async () => {
    const member = await t.addUser(owner, 'viewer');
    const held = await owner.client.post('/api/v1/roles').send({ name: 'held', permissions: ['agents:read'] });
    const unused = await owner.client.post('/api/v1/roles').send({ name: 'unused', permissions: [] });
    expect((await owner.client.patch(`/api/v1/members/${member.user.id}`).send({ role: 'held' })).status).toBe(200);

    const inUse = await owner.client.delete(`/api/v1/roles/${held.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('role_in_use');
    expect((await owner.client.delete(`/api/v1/roles/${unused.body.id}`)).status).toBe(204);
    expect((await owner.client.delete(`/api/v1/roles/${unused.body.id}`)).status).toBe(404);

    const names = (await t.database.db.select().from(schema.roles)).map((role) => role.name);
    expect(names).toEqual(['held']);
    expect((await member.client.get('/api/v1/agents')).status).toBe(200);
  });

  it('refuses built-in role names (400)', async () => {
    for (const name of BUILT_IN_ROLES) {
      const res = await owner.client.post('/api/v1/roles').send({ name, permissions: ['agents:read'] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    }
    expect(await t.database.db.select().from(schema.roles)).toEqual([]);
  });

  it('refuses roles holding permissions their creator lacks (403)', async () => {
    const editor = await t.addUser(owner, 'editor');
    const byEditor = await editor.client.post('/api/v1/roles').send({ name: 'agents-only', permissions: ['agents:read'] });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.code).toBe('forbidden');

    // A member manager who holds only some permissions cannot mint, widen or grant beyond them.
    const managerRole = await owner.client
      .post('/api/v1/roles')
      .send({ name: 'people-manager', permissions: ['members:read', 'members:manage', 'agents:read'] });
    const manager = await t.addUser(owner, 'people-manager');
    const wider = await manager.client
      .post('/api/v1/roles')
      .send({ name: 'deleter', permissions: ['agents:read', 'agents:delete'] });
    expect(wider.status).toBe(403);
    expect(wider.body.code).toBe('forbidden');
    const within = await manager.client.post('/api/v1/roles').send({ name: 'reader', permissions: ['agents:read'] });
    expect(within.status).toBe(201);
    expect(
      (await manager.client.patch(`/api/v1/roles/${within.body.id}`).send({ permissions: ['agents:read', 'agents:update'] }))
        .status,
    ).toBe(403);
    expect(
      (
        await manager.client
          .patch(`/api/v1/roles/${managerRole.body.id}`)
          .send({ permissions: ['members:manage', 'members:read', 'audit:read'] })
      ).status,
    ).toBe(403);
    expect((await manager.client.patch(`/api/v1/members/${editor.user.id}`).send({ role: 'admin' })).status).toBe(403);

    const stored = Object.fromEntries(
      (await t.database.db.select().from(schema.roles)).map((role) => [role.name, role.permissions]),
    );
    expect(stored).toEqual({ 'people-manager': ['members:read', 'members:manage', 'agents:read'], reader: ['agents:read'] });
    expect(await roster()).toMatchObject({ [editor.user.id]: 'editor' });
  });

  it('lists the five built-in roles, then custom ones with member counts, and all 61 permissions (the resource × action grid and runs:approve)', async () => {
    await t.addUser(owner, 'viewer');
    await t.addUser(owner, 'viewer');
    const custom = await owner.client.post('/api/v1/roles').send({ name: 'auditor', permissions: ['audit:read'] });
    await t.addUser(owner, 'auditor');

    const res = await owner.client.get('/api/v1/roles');
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual([...ALL_PERMISSIONS]);
    expect(res.body.permissions).toHaveLength(61);
    expect(res.body.permissions).toContain('runs:approve');
    expect(res.body.items).toEqual([
      ...BUILT_IN_ROLES.map((name) => ({
        id: null,
        name,
        description: expect.any(String),
        permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]],
        builtIn: true,
        memberCount: { owner: 1, admin: 0, editor: 0, operator: 0, viewer: 2 }[name],
      })),
      { id: custom.body.id, name: 'auditor', description: '', permissions: ['audit:read'], builtIn: false, memberCount: 1 },
    ]);
  });
});
