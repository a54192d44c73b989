import { schema } from '@agent-fleet/db';
import { buildAgentInput } from '@agent-fleet/testing';
import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type SignedIn, type TestApp } from '../test-support.js';

/**
 * Tenant isolation: two owners, each alone in their own workspace. Whatever A does with B's ids,
 * B's workspace must look as if it did not exist to A (404, never 403), and stay untouched. Every
 * id-addressed route is covered, generated from the route table, in cross-workspace-routes.test.ts;
 * this file covers lists, role names and the workspace header.
 */

interface WorkspaceRows {
  workspaceId: string;
  agentId: string;
  roleId: string;
  invitationId: string;
  apiKeyId: string;
  apiKey: string;
}

let t: TestApp;
let a: SignedIn;
let b: SignedIn;
let bRows: WorkspaceRows;

beforeEach(async () => {
  t = await createTestApp({ env: { SIGNUP_OPEN: true } });
  a = await t.signupOwner();
  b = await t.signupOwner();
  bRows = await seedWorkspace(b, 'bee');
});
afterEach(async () => {
  await t.close();
});

/** One agent, custom role, invitation and API key in the owner's workspace. */
async function seedWorkspace(owner: SignedIn, name: string): Promise<WorkspaceRows> {
  const me = await owner.client.get('/api/v1/me');
  const agent = await owner.client.post('/api/v1/agents').send(buildAgentInput({ name: `${name} agent` }));
  const role = await owner.client.post('/api/v1/roles').send({ name: `${name}-ops`, permissions: ['agents:read'] });
  const invitation = await owner.client.post('/api/v1/invitations').send({ role: 'viewer' });
  const key = await owner.client.post('/api/v1/api-keys').send({ name: `${name} key`, role: 'editor' });
  for (const res of [agent, role, invitation, key]) expect(res.status).toBe(201);
  return {
    workspaceId: me.body.memberships[0].workspaceId,
    agentId: agent.body.id,
    roleId: role.body.id,
    invitationId: invitation.body.id,
    apiKeyId: key.body.id,
    apiKey: key.body.key,
  };
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

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const customRoles = async (client: Client) =>
  ((await client.get('/api/v1/roles')).body.items as { id: string | null; builtIn: boolean }[]).filter((role) => !role.builtIn);

describe('resources of another workspace', () => {
  it("lists only the caller's own workspace rows", async () => {
    const aRows = await seedWorkspace(a, 'ant');
    // Both workspaces hold one row of each kind: the lists below must split them.
    expect(await t.database.db.select().from(schema.agents)).toHaveLength(2);
    expect(await t.database.db.select().from(schema.roles)).toHaveLength(2);
    expect(await t.database.db.select().from(schema.invitations)).toHaveLength(2);
    expect(await t.database.db.select().from(schema.apiKeys)).toHaveLength(2);

    for (const [owner, own, other] of [
      [a, aRows, bRows],
      [b, bRows, aRows],
    ] as const) {
      const agents = await owner.client.get('/api/v1/agents');
      expect(ids(agents.body.items)).toEqual([own.agentId]);
      expect(agents.body.total).toBe(1);
      expect((await owner.client.get('/api/v1/members')).body.items.map((m: { userId: string }) => m.userId)).toEqual([
        owner.user.id,
      ]);
      expect(ids((await owner.client.get('/api/v1/invitations')).body.items)).toEqual([own.invitationId]);
      expect((await customRoles(owner.client)).map((role) => role.id)).toEqual([own.roleId]);
      expect(ids((await owner.client.get('/api/v1/api-keys')).body.items)).toEqual([own.apiKeyId]);

      const events = (await owner.client.get('/api/v1/audit-events?limit=100')).body.items as {
        actorId: string | null;
        targetId: string | null;
      }[];
      expect(events.length).toBeGreaterThan(0);
      const foreign = [
        other.agentId,
        other.roleId,
        other.invitationId,
        other.apiKeyId,
        other.workspaceId,
        (owner === a ? b : a).user.id,
      ];
      expect(events.filter((event) => foreign.includes(event.targetId ?? '') || foreign.includes(event.actorId ?? ''))).toEqual(
        [],
      );
    }
  });

  it("does not resolve another workspace's custom role names", async () => {
    const invitation = await a.client.post('/api/v1/invitations').send({ role: 'bee-ops' });
    expect(invitation.status).toBe(400);
    expect(invitation.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    const key = await a.client.post('/api/v1/api-keys').send({ name: 'borrowed role', role: 'bee-ops' });
    expect(key.status).toBe(400);
    expect((await a.client.get('/api/v1/invitations')).body.items).toEqual([]);
    expect((await a.client.get('/api/v1/api-keys')).body.items).toEqual([]);
  });
});

describe('the X-Workspace-Id header', () => {
  it('answers 404 when a user names a workspace they do not belong to, and writes nothing there', async () => {
    const intoB = t.client(a.token, bRows.workspaceId);
    const unknown = t.client(a.token, '5b0c8f0e-9a7d-4c1e-8f00-000000000abc');
    for (const [workspace, client] of Object.entries({ "B's workspace": intoB, 'an unknown workspace': unknown })) {
      const attempts = {
        'GET agents': client.get('/api/v1/agents'),
        'POST agents': client.post('/api/v1/agents').send(buildAgentInput({ name: 'planted' })),
        'GET agent': client.get(`/api/v1/agents/${bRows.agentId}`),
        'DELETE agent': client.delete(`/api/v1/agents/${bRows.agentId}`),
        'GET members': client.get('/api/v1/members'),
        'GET invitations': client.get('/api/v1/invitations'),
        'POST invitations': client.post('/api/v1/invitations').send({ role: 'owner' }),
        'GET roles': client.get('/api/v1/roles'),
        'POST roles': client.post('/api/v1/roles').send({ name: 'planted', permissions: [] }),
        'GET api keys': client.get('/api/v1/api-keys'),
        'POST api keys': client.post('/api/v1/api-keys').send({ name: 'planted', role: 'owner' }),
        'GET audit events': client.get('/api/v1/audit-events'),
      };
      expect({ workspace, outcomes: await outcomes(attempts) }).toEqual({
        workspace,
        outcomes: every(attempts, '404 not_found'),
      });
    }
    expect(ids((await b.client.get('/api/v1/agents')).body.items)).toEqual([bRows.agentId]);
    expect((await b.client.get('/api/v1/invitations')).body.items).toHaveLength(1);
    expect(await customRoles(b.client)).toHaveLength(1);
    expect((await b.client.get('/api/v1/api-keys')).body.items).toHaveLength(1);
    // The header names A's own workspace: that still works.
    const aWorkspaceId = (await a.client.get('/api/v1/me')).body.memberships[0].workspaceId as string;
    expect((await t.client(a.token, aWorkspaceId).get('/api/v1/agents')).status).toBe(200);
  });

  it('keeps an API key inside its own workspace whatever the header says', async () => {
    const aWorkspaceId = (await a.client.get('/api/v1/me')).body.memberships[0].workspaceId as string;
    const aAgent = await a.client.post('/api/v1/agents').send(buildAgentInput({ name: 'ant agent' }));
    const redirected = t.client(bRows.apiKey, aWorkspaceId);
    const attempts = {
      'GET agents': redirected.get('/api/v1/agents'),
      'GET agent': redirected.get(`/api/v1/agents/${aAgent.body.id}`),
      'POST agents': redirected.post('/api/v1/agents').send(buildAgentInput({ name: 'planted' })),
      'DELETE agent': redirected.delete(`/api/v1/agents/${aAgent.body.id}`),
    };
    expect(await outcomes(attempts)).toEqual(every(attempts, '404 not_found'));
    const own = t.client(bRows.apiKey);
    expect((await own.get(`/api/v1/agents/${aAgent.body.id}`)).status).toBe(404);
    expect(ids((await own.get('/api/v1/agents')).body.items)).toEqual([bRows.agentId]);
    expect(ids((await a.client.get('/api/v1/agents')).body.items)).toEqual([aAgent.body.id]);
  });
});
