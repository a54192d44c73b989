import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataFingerprint } from '../../security/fuzz/data-fingerprint.js';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

let t: TestApp;
let owner: SignedIn;
beforeEach(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
});
afterEach(async () => {
  await t.close();
});

const base = '/api/v1/fleets';
interface FleetBody {
  id: string;
  name: string;
  version: number;
  adminState: string;
  memberCount: number;
  members: unknown[];
}

const createFleet = async (body: Record<string, unknown> = {}): Promise<FleetBody> => {
  const res = await owner.client.post(base).send({ name: 'Support', ...body });
  expect(res.status, res.text).toBe(201);
  return res.body as FleetBody;
};
const addMember = async (fleetId: string, body: Record<string, unknown>) => {
  const res = await owner.client.post(`${base}/${fleetId}/members`).send(body);
  expect(res.status, res.text).toBe(201);
  return res.body as { agentId: string; role: string; allowedDelegates: string[] };
};
const getFleet = async (id: string) => (await owner.client.get(`${base}/${id}`)).body as FleetBody & Record<string, unknown>;
const auditActions = async () =>
  (await owner.client.get('/api/v1/audit-events')).body.items.map((event: { action: string }) => event.action) as string[];

describe('fleets', () => {
  it('creates a fleet with documented defaults, an ETag and a Location, and reads it back', async () => {
    const res = await owner.client.post(base).send({ name: 'Support' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`${base}/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'Support',
      description: '',
      strategy: { type: 'round_robin', weighted: false },
      adminState: 'active',
      maxConcurrency: 10,
      queueLimit: 1000,
      limits: { maxDelegationDepth: 3, maxHopsPerRootTask: 20, budgetUsdPerRootTask: null, taskTimeout: '10m' },
      memberCount: 0,
      members: [],
      version: 1,
    });
    const fetched = await owner.client.get(`${base}/${res.body.id}`);
    expect(fetched.headers.etag).toBe('"1"');
    expect(fetched.body).toEqual(res.body);
    expect(await auditActions()).toContain('fleet.created');
  });

  it('lists fleets by name with pagination, admin-state and text filters', async () => {
    await createFleet({ name: 'beta', description: 'billing questions' });
    await createFleet({ name: 'Alpha' });
    await createFleet({ name: 'gamma', adminState: 'paused' });
    const first = await owner.client.get(`${base}?limit=2`);
    expect(first.body.items.map((f: FleetBody) => f.name)).toEqual(['Alpha', 'beta']);
    expect(first.body.total).toBe(3);
    const second = await owner.client.get(`${base}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((f: FleetBody) => f.name)).toEqual(['gamma']);
    expect(second.body.nextCursor).toBeNull();
    const paused = await owner.client.get(`${base}?adminState=paused`);
    expect(paused.body.items.map((f: FleetBody) => f.name)).toEqual(['gamma']);
    const text = await owner.client.get(`${base}?q=BILLING`);
    expect(text.body.items.map((f: FleetBody) => f.name)).toEqual(['beta']);
  });

  it('answers a taken name, in any case, with 409 name_taken', async () => {
    await createFleet({ name: 'Support' });
    const res = await owner.client.post(base).send({ name: 'support' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('name_taken');
    const other = await createFleet({ name: 'Sales' });
    const rename = await owner.client.patch(`${base}/${other.id}`).send({ name: 'SUPPORT' });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('name_taken');
    expect(await getFleet(other.id)).toMatchObject({ name: 'Sales', version: 1 });
  });

  it('refuses invalid input with 400 listing each field, and stores nothing', async () => {
    const res = await owner.client.post(base).send({
      name: '',
      strategy: { type: 'telepathy' },
      maxConcurrency: 0,
      limits: { taskTimeout: 'forever', maxDelegationDepth: 99 },
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const paths = (res.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'maxConcurrency', 'limits.taskTimeout', 'limits.maxDelegationDepth', 'extra']),
    );
    const nul = await owner.client.post(base).send({ name: 'ok', description: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect((await owner.client.get(base)).body.total).toBe(0);
  });

  it('updates with optimistic concurrency: a stale If-Match is 412, a stale body version 409, and both change nothing', async () => {
    const fleet = await createFleet();
    const updated = await owner.client
      .patch(`${base}/${fleet.id}`)
      .set('If-Match', '"1"')
      .send({ description: 'first', limits: { maxHopsPerRootTask: 5 } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    // Limits merge: the fields not sent keep their values.
    expect(updated.body.limits).toEqual({
      maxDelegationDepth: 3,
      maxHopsPerRootTask: 5,
      budgetUsdPerRootTask: null,
      taskTimeout: '10m',
    });
    const stale = await owner.client.patch(`${base}/${fleet.id}`).set('If-Match', '"1"').send({ description: 'second' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    const staleBody = await owner.client.patch(`${base}/${fleet.id}`).send({ description: 'third', version: 1 });
    expect(staleBody.status).toBe(409);
    expect(staleBody.body.code).toBe('version_conflict');
    const current = await getFleet(fleet.id);
    expect(current).toMatchObject({ description: 'first', version: 2 });
    const staleDelete = await owner.client.delete(`${base}/${fleet.id}`).set('If-Match', '"1"');
    expect(staleDelete.status).toBe(412);
    expect((await owner.client.get(`${base}/${fleet.id}`)).status).toBe(200);
    expect(await auditActions()).toContain('fleet.updated');
  });

  it('deletes a fleet with its memberships but not its agents', async () => {
    const fleet = await createFleet();
    const agent = await createMockAgent(owner, 'Worker');
    await addMember(fleet.id, { agentId: agent.id });
    const res = await owner.client.delete(`${base}/${fleet.id}`);
    expect(res.status).toBe(204);
    expect((await owner.client.get(`${base}/${fleet.id}`)).status).toBe(404);
    expect((await owner.client.get(`/api/v1/agents/${agent.id}`)).status).toBe(200);
    expect((await owner.client.delete(`${base}/${fleet.id}`)).status).toBe(404);
    expect(await auditActions()).toContain('fleet.deleted');
  });

  it('pauses, drains and resumes, recording each change', async () => {
    const fleet = await createFleet();
    const paused = await owner.client
      .put(`${base}/${fleet.id}/admin-state`)
      .send({ adminState: 'paused', reason: 'maintenance' });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body).toMatchObject({ adminState: 'paused', version: 2 });
    expect(paused.headers.etag).toBe('"2"');
    const draining = await owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'draining' });
    expect(draining.body.adminState).toBe('draining');
    const active = await owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'active' });
    expect(active.body).toMatchObject({ adminState: 'active', version: 4 });
    // Setting the state it has is a no-op.
    const again = await owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'active' });
    expect(again.body.version).toBe(4);
    const bad = await owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'disabled' });
    expect(bad.status).toBe(400);
    const events = (await owner.client.get('/api/v1/audit-events')).body.items.filter(
      (event: { action: string }) => event.action === 'fleet.admin_state_changed',
    );
    expect(events).toHaveLength(3);
    expect(events.map((event: { metadata: { to: string } }) => event.metadata.to).sort()).toEqual([
      'active',
      'draining',
      'paused',
    ]);
  });
});

describe('fleet members', () => {
  it('adds, updates and removes members; one agent may belong to several fleets, once each', async () => {
    const support = await createFleet({ name: 'Support' });
    const sales = await createFleet({ name: 'Sales' });
    const ada = await createMockAgent(owner, 'Ada');
    const bob = await createMockAgent(owner, 'Bob');
    const added = await addMember(support.id, { agentId: ada.id, skills: ['Billing'], weight: 2.5, maxConcurrent: 3 });
    expect(added).toMatchObject({
      fleetId: support.id,
      agentId: ada.id,
      agentName: 'Ada',
      role: 'worker',
      weight: 2.5,
      maxConcurrent: 3,
      skills: ['billing'],
      allowedDelegates: [],
    });
    await addMember(sales.id, { agentId: ada.id });
    await addMember(support.id, { agentId: bob.id, allowedDelegates: [ada.id] });
    const twice = await owner.client.post(`${base}/${support.id}/members`).send({ agentId: ada.id });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('conflict');

    const detail = await getFleet(support.id);
    expect(detail.memberCount).toBe(2);
    expect(detail.version).toBe(3);
    expect((detail.members as { agentName: string }[]).map((member) => member.agentName)).toEqual(['Ada', 'Bob']);

    const updated = await owner.client.patch(`${base}/${support.id}/members/${bob.id}`).send({ role: 'reviewer', weight: 0.5 });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ role: 'reviewer', weight: 0.5, allowedDelegates: [ada.id] });

    // Removing Ada removes her from Bob's delegates too.
    expect((await owner.client.delete(`${base}/${support.id}/members/${ada.id}`)).status).toBe(204);
    const list = await owner.client.get(`${base}/${support.id}/members`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ agentId: bob.id, allowedDelegates: [] });
    expect((await owner.client.delete(`${base}/${support.id}/members/${ada.id}`)).status).toBe(404);
    expect((await getFleet(sales.id)).memberCount).toBe(1);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['fleet.member_added', 'fleet.member_updated', 'fleet.member_removed']),
    );
  });

  it('refuses bad members with 4xx and changes nothing', async () => {
    const fleet = await createFleet();
    const ada = await createMockAgent(owner, 'Ada');
    const bob = await createMockAgent(owner, 'Bob');
    const before = await getFleet(fleet.id);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ agentId: '00000000-0000-4000-8000-000000000000' }, 400, 'agentId'],
      [{ agentId: ada.id, weight: 0 }, 400, 'weight'],
      [{ agentId: ada.id, maxConcurrent: 0 }, 400, 'maxConcurrent'],
      [{ agentId: ada.id, role: 'boss' }, 400, 'role'],
      [{ agentId: ada.id, skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 400, 'skills'],
      [{ agentId: ada.id, allowedDelegates: [bob.id] }, 400, 'allowedDelegates.0'],
      [{ agentId: ada.id, allowedDelegates: [ada.id] }, 400, 'allowedDelegates.0'],
      [{ agentId: 'not-a-uuid' }, 400, 'agentId'],
    ];
    for (const [body, status, path] of cases) {
      const res = await owner.client.post(`${base}/${fleet.id}/members`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((res.body.errors as { path: string }[]).map((error) => error.path)).toContain(path);
    }
    expect(await getFleet(fleet.id)).toEqual(before);
    expect((await owner.client.patch(`${base}/${fleet.id}/members/${ada.id}`).send({ role: 'manager' })).status).toBe(404);
    expect(
      (await owner.client.post(`${base}/00000000-0000-4000-8000-000000000000/members`).send({ agentId: ada.id })).status,
    ).toBe(404);
  });

  it('requires exactly one manager for an active manager fleet, and an aggregator for an aggregating broadcast', async () => {
    const ada = await createMockAgent(owner, 'Ada');
    const bob = await createMockAgent(owner, 'Bob');
    // Without an explicit state, a manager fleet starts paused: it cannot have its manager yet.
    const fleet = await createFleet({ name: 'Managed', strategy: { type: 'manager' } });
    expect(fleet.adminState).toBe('paused');
    const activeAtOnce = await owner.client
      .post(base)
      .send({ name: 'Eager', strategy: { type: 'manager' }, adminState: 'active' });
    expect(activeAtOnce.status).toBe(409);
    expect(activeAtOnce.body.errors[0]).toMatchObject({ path: 'members', code: 'manager_required' });

    const early = await owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'active' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/exactly one member with role "manager"/);
    await addMember(fleet.id, { agentId: ada.id, role: 'manager' });
    await addMember(fleet.id, { agentId: bob.id });
    expect((await owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'active' })).status).toBe(200);

    // Active now: a second manager, or none, is refused and changes nothing.
    const second = await owner.client.patch(`${base}/${fleet.id}/members/${bob.id}`).send({ role: 'manager' });
    expect(second.status).toBe(409);
    const removed = await owner.client.delete(`${base}/${fleet.id}/members/${ada.id}`);
    expect(removed.status).toBe(409);
    expect(removed.body.errors[0].code).toBe('manager_required');
    const after = await getFleet(fleet.id);
    expect(after.memberCount).toBe(2);
    expect((after.members as { role: string }[]).map((member) => member.role)).toEqual(['manager', 'worker']);

    // A broadcast combined by an aggregator needs one before it may be active.
    const broadcast = await owner.client
      .patch(`${base}/${fleet.id}`)
      .send({ strategy: { type: 'broadcast', combine: 'aggregator' } });
    expect(broadcast.status).toBe(409);
    expect(broadcast.body.errors[0].code).toBe('aggregator_required');
    expect((await getFleet(fleet.id)).strategy).toEqual({ type: 'manager' });
    await owner.client.patch(`${base}/${fleet.id}/members/${bob.id}`).send({ role: 'aggregator' }).expect(200);
    const switched = await owner.client
      .patch(`${base}/${fleet.id}`)
      .send({ strategy: { type: 'broadcast', combine: 'aggregator' } });
    expect(switched.status, switched.text).toBe(200);
  });

  it('lets an agent that is a member be deleted: it leaves every fleet and every delegate list', async () => {
    const fleet = await createFleet();
    const other = await createFleet({ name: 'Other' });
    const ada = await createMockAgent(owner, 'Ada');
    const bob = await createMockAgent(owner, 'Bob');
    await addMember(fleet.id, { agentId: ada.id });
    await addMember(fleet.id, { agentId: bob.id, allowedDelegates: [ada.id] });
    await addMember(other.id, { agentId: ada.id });
    expect((await owner.client.delete(`/api/v1/agents/${ada.id}`)).status).toBe(204);
    const detail = await getFleet(fleet.id);
    expect(detail.memberCount).toBe(1);
    expect(detail.members).toEqual([expect.objectContaining({ agentId: bob.id, allowedDelegates: [] })]);
    expect((await getFleet(other.id)).memberCount).toBe(0);
    // Adding the deleted agent again is a 400, not a 500.
    const readd = await owner.client.post(`${base}/${fleet.id}/members`).send({ agentId: ada.id });
    expect(readd.status).toBe(400);
  });
});

describe('fleet access', () => {
  it("refuses a viewer's writes with 403 and lets the viewer read", async () => {
    const fleet = await createFleet();
    const viewer = await t.addUser(owner, 'viewer');
    expect((await viewer.client.get(base)).status).toBe(200);
    expect((await viewer.client.get(`${base}/${fleet.id}`)).status).toBe(200);
    expect((await viewer.client.post(base).send({ name: 'Mine' })).status).toBe(403);
    expect((await viewer.client.patch(`${base}/${fleet.id}`).send({ description: 'x' })).status).toBe(403);
    expect((await viewer.client.delete(`${base}/${fleet.id}`)).status).toBe(403);
    expect((await viewer.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'paused' })).status).toBe(403);
    const agent = await createMockAgent(owner, 'Ada');
    expect((await viewer.client.post(`${base}/${fleet.id}/members`).send({ agentId: agent.id })).status).toBe(403);
    expect(await getFleet(fleet.id)).toMatchObject({ version: 1, memberCount: 0, description: '' });
  });

  it('hides fleets of other workspaces (404), and refuses their agents as members', async () => {
    const fleet = await createFleet();
    const agent = await createMockAgent(owner, 'Ada');
    const second = await owner.client.post('/api/v1/workspaces').send({ name: 'Second' });
    expect(second.status).toBe(201);
    const elsewhere = t.client(owner.token, second.body.id as string);
    expect((await elsewhere.get(`${base}/${fleet.id}`)).status).toBe(404);
    expect((await elsewhere.patch(`${base}/${fleet.id}`).send({ description: 'x' })).status).toBe(404);
    expect((await elsewhere.delete(`${base}/${fleet.id}`)).status).toBe(404);
    expect((await elsewhere.get(`${base}/${fleet.id}/members`)).status).toBe(404);
    expect((await elsewhere.get(base)).body.total).toBe(0);
    const theirs = await elsewhere.post(base).send({ name: 'Support' });
    expect(theirs.status).toBe(201);
    const foreign = await elsewhere.post(`${base}/${theirs.body.id}/members`).send({ agentId: agent.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].code).toBe('unknown_agent');
    expect(await getFleet(fleet.id)).toMatchObject({ version: 1, description: '' });
  });
});

describe('fleet writes and their audit events', () => {
  it('commit together: when the audit event cannot be written, no change is', async () => {
    const fleet = await createFleet();
    const ada = await createMockAgent(owner, 'Ada');
    const bob = await createMockAgent(owner, 'Bob');
    await addMember(fleet.id, { agentId: ada.id });
    // One statement per query: the extended protocol refuses several.
    for (const statement of [
      `create function refuse_fleet_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused by the test'; end $$`,
      'create trigger refuse_fleet_audit before insert on audit_events for each row execute function refuse_fleet_audit()',
    ]) {
      await t.database.db.execute(sql.raw(statement));
    }
    const before = await dataFingerprint(t.database, t.blobDir);
    const writes = [
      () => owner.client.post(base).send({ name: 'Other' }),
      () => owner.client.patch(`${base}/${fleet.id}`).send({ description: 'changed' }),
      () => owner.client.put(`${base}/${fleet.id}/admin-state`).send({ adminState: 'paused' }),
      () => owner.client.post(`${base}/${fleet.id}/members`).send({ agentId: bob.id }),
      () => owner.client.patch(`${base}/${fleet.id}/members/${ada.id}`).send({ weight: 3 }),
      () => owner.client.delete(`${base}/${fleet.id}/members/${ada.id}`),
      () => owner.client.delete(`${base}/${fleet.id}`),
    ];
    for (const write of writes) expect((await write()).status).toBe(500);
    expect(await dataFingerprint(t.database, t.blobDir)).toEqual(before);
  });
});
