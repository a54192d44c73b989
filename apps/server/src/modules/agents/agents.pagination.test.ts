import { buildAgentInput } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

// Read-only tests share one seeded database.
let t: TestApp;
let owner: SignedIn;
const names = ['delta', 'Alpha', 'echo', 'charlie', 'Bravo'];
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  for (const [index, name] of names.entries()) {
    const res = await owner.client.post('/api/v1/agents').send(
      buildAgentInput({
        name,
        skills: index % 2 === 0 ? ['search'] : ['write'],
      }),
    );
    expect(res.status).toBe(201);
    if (index === 1) {
      const paused = await owner.client.put(`/api/v1/agents/${res.body.id}/admin-state`).send({ adminState: 'paused' });
      expect(paused.status).toBe(200);
    }
  }
});
afterAll(async () => {
  await t.close();
});

const list = (query: Record<string, string | number>) => owner.client.get('/api/v1/agents').query(query);

async function walk(query: Record<string, string | number>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await list(cursor ? { ...query, cursor } : query);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(Number(query.limit));
    expect(res.body.total).toBe(names.length);
    seen.push(...(res.body.items as { name: string }[]).map((a) => a.name));
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('listing agents', () => {
  it.each(['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'])(
    'walks every agent exactly once in pages of 2, sorted by %s',
    async (sort) => {
      const seen = await walk({ limit: 2, sort });
      expect(seen).toHaveLength(names.length);
      expect(new Set(seen).size).toBe(names.length);
      if (sort === 'name') expect(seen).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
      if (sort === '-name') expect(seen).toEqual(['echo', 'delta', 'charlie', 'Bravo', 'Alpha']);
      if (sort === 'createdAt') expect(seen).toEqual(names);
    },
  );

  it('defaults to newest first with 20 per page', async () => {
    const res = await list({});
    expect(res.body.items.map((a: { name: string }) => a.name)).toEqual([...names].reverse());
    expect(res.body.nextCursor).toBeNull();
  });

  it('has no next cursor when the page is exactly full', async () => {
    const res = await list({ limit: names.length });
    expect(res.body.items).toHaveLength(names.length);
    expect(res.body.nextCursor).toBeNull();
  });

  it('has a next cursor when one more agent exists, and the last page holds it', async () => {
    const first = await list({ limit: names.length - 1 });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const last = await list({ limit: names.length - 1, cursor: first.body.nextCursor });
    expect(last.body.items).toHaveLength(1);
    expect(last.body.nextCursor).toBeNull();
  });

  it.each([
    [{ limit: 0 }, 'query.limit'],
    [{ limit: 101 }, 'query.limit'],
    [{ limit: 'ten' }, 'query.limit'],
    [{ sort: 'id' }, 'query.sort'],
    [{ observedState: 'sleeping' }, 'query.observedState.0'],
    [{ adminState: 'idle' }, 'query.adminState.0'],
    [{ status: 'idle' }, 'query.status'],
    [{ colour: 'red' }, 'query.colour'],
  ])('rejects the query %j naming %s', async (query, path) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('rejects a forged cursor and a cursor from another sort order', async () => {
    const forged = await list({ cursor: 'bm90LWEtY3Vyc29y' });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('invalid_cursor');
    const byName = await list({ limit: 2, sort: 'name' });
    const mixed = await list({ limit: 2, sort: '-createdAt', cursor: byName.body.nextCursor });
    expect(mixed.status).toBe(400);
    expect(mixed.body.code).toBe('invalid_cursor');
  });

  it('answers a well-formed cursor with impossible values with 400, not a database error', async () => {
    const cursor = (parts: string[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const id = '0b5f7c1e-8a2d-4c3b-9e6f-1a2b3c4d5e6f';
    for (const [sort, value, cursorId] of [
      ['-createdAt', 'yesterday', id],
      ['-createdAt', '2026-01-01T00:00:00.000Z', 'not-a-uuid'],
      ['name', 'alpha', 'not-a-uuid'],
    ] as const) {
      const res = await list({ sort, cursor: cursor([sort, value, cursorId]) });
      expect(res.status, `${sort} ${value} ${cursorId}`).toBe(400);
      expect(res.body.code).toBe('invalid_cursor');
    }
    const prompts = await owner.client.get(`/api/v1/prompts?cursor=${cursor(['name', 'a', 'not-a-uuid'])}`);
    expect(prompts.status).toBe(400);
    expect(prompts.body.code).toBe('invalid_cursor');
  });

  it('filters by admin and observed state (comma list or repeated), skill and name search', async () => {
    expect((await list({ adminState: 'paused' })).body.items.map((a: { name: string }) => a.name)).toEqual(['Alpha']);
    const both = await owner.client.get('/api/v1/agents?adminState=paused&adminState=active');
    expect(both.body.total).toBe(5);
    expect((await list({ adminState: 'draining,disabled' })).body).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect((await list({ observedState: 'idle' })).body.total).toBe(5);
    expect((await list({ observedState: 'busy,error' })).body).toMatchObject({ items: [], total: 0, nextCursor: null });
    const activeIdle = await list({ adminState: 'active', observedState: 'idle,busy', sort: 'name' });
    expect(activeIdle.body.items.map((a: { name: string }) => a.name)).toEqual(['Bravo', 'charlie', 'delta', 'echo']);
    for (const query of [{ status: 'idle' }, { observedState: 'paused' }, { adminState: 'idle' }] as Record<string, string>[]) {
      const res = await list(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const writers = await list({ skill: 'write', sort: 'name' });
    expect(writers.body.items.map((a: { name: string }) => a.name)).toEqual(['Alpha', 'charlie']);
    expect(writers.body.total).toBe(2);
    expect((await list({ q: 'HAR' })).body.items.map((a: { name: string }) => a.name)).toEqual(['charlie']);
  });

  it('treats search wildcards as plain text', async () => {
    expect((await list({ q: '%' })).body.total).toBe(0);
    expect((await list({ q: '_' })).body.total).toBe(0);
  });
});
