import { DEFAULT_WORKSPACE_ID } from '@agent-fleet/core';
import { schema } from '@agent-fleet/db';
import { buildAgentInput } from '@agent-fleet/testing';
import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-support.js';

/**
 * Mass assignment: fields the server owns (tenancy, identity, ownership, secrets, versions) are
 * refused by name when a client sends them, and the refused request writes nothing.
 */

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const FOREIGN_ID = '7d1f4a52-3c9b-4e2a-9f61-0a1b2c3d4e5f';

/** A value of the right shape for each server-owned field, so only its presence can be the problem. */
const SMUGGLED: Record<string, unknown> = {
  id: FOREIGN_ID,
  workspaceId: FOREIGN_ID,
  ownerId: FOREIGN_ID,
  userId: FOREIGN_ID,
  createdBy: FOREIGN_ID,
  role: 'owner',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
  version: 7,
  email: 'someone.else@example.test',
  prefix: 'af_AAAAAAAA',
  secretHash: 'a'.repeat(64),
  key: 'af_AAAAAAAA_aaaaaaaaaaaaaaaaaaaaaaaa',
  builtIn: true,
  memberCount: 0,
  name: 'renamed',
  token: 'a-known-invitation-token',
  tokenHash: 'b'.repeat(64),
  acceptedAt: '2020-01-01T00:00:00.000Z',
  revokedAt: '2020-01-01T00:00:00.000Z',
  lastUsedAt: '2020-01-01T00:00:00.000Z',
  createdAt: '2020-01-01T00:00:00.000Z',
};

function expectRefused(res: request.Response, field: string): void {
  expect({ field, status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
    field,
    status: 400,
    code: 'validation_failed',
    errors: [{ path: field, message: 'Unknown field', code: 'unknown_field' }],
  });
}

/** Sends `valid` plus each field in turn; every request must be refused for that field alone. */
async function refuseEach(
  send: (body: Record<string, unknown>) => request.Test,
  valid: Record<string, unknown>,
  fields: string[],
): Promise<void> {
  for (const field of fields) expectRefused(await send({ ...valid, [field]: SMUGGLED[field] }), field);
}

const rows = {
  users: () => t.database.db.select().from(schema.users),
  workspaces: () => t.database.db.select().from(schema.workspaces),
  memberships: () => t.database.db.select().from(schema.memberships),
  agents: () => t.database.db.select().from(schema.agents),
  apiKeys: () => t.database.db.select().from(schema.apiKeys),
  invitations: () => t.database.db.select().from(schema.invitations),
  roles: () => t.database.db.select().from(schema.roles),
};

describe('sign-up and profile', () => {
  it('refuses server-owned fields in the first sign-up and creates nobody', async () => {
    const valid = { email: 'first@example.test', password: TEST_PASSWORD, name: 'First' };
    await refuseEach((body) => t.anonymous.post('/api/v1/auth/signup').send(body), valid, [
      'workspaceId',
      'role',
      'ownerId',
      'passwordHash',
      'id',
      'createdBy',
    ]);
    expect(await rows.users()).toEqual([]);
    expect(await rows.memberships()).toEqual([]);
    expect((await rows.workspaces()).map((w) => w.id)).toEqual([DEFAULT_WORKSPACE_ID]);
  });

  it('refuses a role or workspace smuggled into an invited sign-up and leaves the invitation unused', async () => {
    const owner = await t.signupOwner();
    const invitation = await owner.client.post('/api/v1/invitations').send({ role: 'viewer' });
    const valid = { email: 'invitee@example.test', password: TEST_PASSWORD, name: 'Invitee', inviteToken: invitation.body.token };
    await refuseEach((body) => t.anonymous.post('/api/v1/auth/signup').send(body), valid, [
      'role',
      'workspaceId',
      'passwordHash',
      'id',
    ]);
    expect((await rows.users()).map((u) => u.id)).toEqual([owner.user.id]);
    expect(await rows.memberships()).toEqual([expect.objectContaining({ userId: owner.user.id, role: 'owner' })]);
    expect(await rows.invitations()).toEqual([expect.objectContaining({ acceptedAt: null, acceptedBy: null, role: 'viewer' })]);
  });

  it('refuses identity, credential and membership fields in PATCH /api/v1/me and changes nothing', async () => {
    const owner = await t.signupOwner('me@example.test');
    const before = await rows.users();
    await refuseEach((body) => owner.client.patch('/api/v1/me').send(body), { name: 'New Name' }, [
      'email',
      'passwordHash',
      'id',
      'role',
      'workspaceId',
      'ownerId',
    ]);
    expect(await rows.users()).toEqual(before);
    expect(await rows.memberships()).toEqual([
      expect.objectContaining({ userId: owner.user.id, role: 'owner', workspaceId: DEFAULT_WORKSPACE_ID }),
    ]);
    expect(
      (await t.anonymous.post('/api/v1/auth/login').send({ email: 'me@example.test', password: TEST_PASSWORD })).status,
    ).toBe(200);
  });
});

describe('agents', () => {
  it('refuses tenancy, identity and version fields when creating an agent and creates none', async () => {
    const owner = await t.signupOwner();
    await refuseEach((body) => owner.client.post('/api/v1/agents').send(body), { ...buildAgentInput() }, [
      'workspaceId',
      'id',
      'version',
      'createdBy',
      'ownerId',
      'createdAt',
    ]);
    expect(await rows.agents()).toEqual([]);
  });

  it('refuses tenancy and identity fields when updating an agent and leaves it unchanged', async () => {
    const owner = await t.signupOwner();
    const created = await owner.client.post('/api/v1/agents').send(buildAgentInput({ description: 'original' }));
    expect(created.status).toBe(201);
    const before = await rows.agents();
    await refuseEach((body) => owner.client.patch(`/api/v1/agents/${created.body.id}`).send(body), { description: 'changed' }, [
      'workspaceId',
      'id',
      'createdBy',
      'ownerId',
      'createdAt',
    ]);
    expect(await rows.agents()).toEqual(before);
    expect(before).toEqual([
      expect.objectContaining({ id: created.body.id, workspaceId: DEFAULT_WORKSPACE_ID, version: 1, description: 'original' }),
    ]);
  });
});

describe('API keys and invitations', () => {
  it('refuses server-owned fields when creating an API key and stores no key', async () => {
    const owner = await t.signupOwner();
    await refuseEach((body) => owner.client.post('/api/v1/api-keys').send(body), { name: 'ci', role: 'viewer' }, [
      'workspaceId',
      'createdBy',
      'prefix',
      'secretHash',
      'key',
      'id',
      'lastUsedAt',
      'revokedAt',
    ]);
    expect(await rows.apiKeys()).toEqual([]);
  });

  it('refuses server-owned fields when creating an invitation and stores none', async () => {
    const owner = await t.signupOwner();
    await refuseEach((body) => owner.client.post('/api/v1/invitations').send(body), { role: 'viewer' }, [
      'workspaceId',
      'createdBy',
      'token',
      'tokenHash',
      'acceptedAt',
      'id',
    ]);
    expect(await rows.invitations()).toEqual([]);
  });
});

describe('members and roles', () => {
  it('refuses moving, re-identifying or re-addressing a member and changes nothing', async () => {
    const owner = await t.signupOwner();
    const viewer = await t.addUser(owner, 'viewer');
    const before = { users: await rows.users(), memberships: await rows.memberships() };
    await refuseEach((body) => owner.client.patch(`/api/v1/members/${viewer.user.id}`).send(body), { role: 'editor' }, [
      'workspaceId',
      'userId',
      'email',
      'name',
      'passwordHash',
    ]);
    expect({ users: await rows.users(), memberships: await rows.memberships() }).toEqual(before);
    expect(before.memberships).toContainEqual(
      expect.objectContaining({ userId: viewer.user.id, role: 'viewer', workspaceId: DEFAULT_WORKSPACE_ID }),
    );
  });

  it('refuses tenancy and built-in flags on custom roles and changes no role', async () => {
    const owner = await t.signupOwner();
    await refuseEach((body) => owner.client.post('/api/v1/roles').send(body), { name: 'ops', permissions: ['agents:read'] }, [
      'workspaceId',
      'builtIn',
      'id',
      'memberCount',
    ]);
    expect(await rows.roles()).toEqual([]);

    const role = await owner.client.post('/api/v1/roles').send({ name: 'ops', permissions: ['agents:read'] });
    expect(role.status).toBe(201);
    const before = await rows.roles();
    await refuseEach((body) => owner.client.patch(`/api/v1/roles/${role.body.id}`).send(body), { description: 'changed' }, [
      'workspaceId',
      'builtIn',
      'name',
      'id',
    ]);
    expect(await rows.roles()).toEqual(before);
    expect(before).toEqual([
      expect.objectContaining({ name: 'ops', workspaceId: DEFAULT_WORKSPACE_ID, description: '', permissions: ['agents:read'] }),
    ]);
  });
});
