import { AppError, type AccessService, type Principal, type WorkspaceAccess } from '@agent-fleet/core';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { captureLogs } from '../test-support.js';
import { createApp } from './app.js';
import { ResponseCache } from './response-cache.js';
import { defineRoute, mountRoutes, type Route } from './route.js';
import express from 'express';

const principal = { kind: 'user', userId: 'user-1', label: 'tester' } as Principal;

/** A route table with one cached list, over a fake database clock and a fake clock. */
function harness() {
  const state = {
    version: 0,
    now: 0,
    handled: 0,
    authenticated: 0,
    allowed: true,
    /** While set, handlers wait for it after they start. */
    gate: undefined as Promise<void> | undefined,
    /** Answer 404 instead of the list. */
    missing: false,
  };
  const access = {
    authenticate: async () => {
      state.authenticated += 1;
      return principal;
    },
    resolveWorkspace: async (_principal: Principal, workspaceId?: string): Promise<WorkspaceAccess> => ({
      workspaceId: workspaceId ?? 'ws-1',
      role: 'viewer',
      permissions: new Set(state.allowed ? ['agents:read' as const] : []),
    }),
    authorize: (access: WorkspaceAccess) => {
      if (access.permissions.size === 0) throw new AppError('forbidden', 'No');
    },
  } as unknown as AccessService;
  const route = defineRoute({
    method: 'get',
    path: '/api/v1/things',
    operationId: 'listThings',
    summary: 'Things',
    tags: ['Things'],
    permission: 'agents:read',
    cache: true,
    request: { query: z.object({ q: z.string().optional() }) },
    responses: { 200: { description: 'Things', schema: z.object({ q: z.string(), workspaceId: z.string(), n: z.number() }) } },
    errors: ['not_found'],
    handler: async ({ query, workspaceId }) => {
      state.handled += 1;
      const n = state.handled;
      await state.gate;
      if (state.missing) throw new AppError('not_found', 'No things');
      return { status: 200, body: { q: query.q ?? '', workspaceId, n } };
    },
  });
  const responseCache = new ResponseCache({ ttlMs: 1000, version: () => state.version, now: () => state.now });
  const { sink } = captureLogs();
  const app = createApp({
    routes: [route],
    logger: createLogger({ LOG_LEVEL: 'info' }, sink),
    access,
    cookieSecure: 'false',
    bodyLimitBytes: 1024,
    trustProxy: 0,
    responseCache,
  });
  const get = (url: string, workspaceId = 'ws-1') =>
    request(app).get(url).set('Authorization', 'Bearer x').set('X-Workspace-Id', workspaceId);
  return { state, get, loads: vi.spyOn(responseCache, 'load') };
}

describe('a cached route', () => {
  it('runs its handler once for repeated requests, but authenticates each', async () => {
    const { state, get } = harness();
    const first = await get('/api/v1/things?q=a').expect(200);
    const second = await get('/api/v1/things?q=a').expect(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers['etag']).toBe(first.headers['etag']);
    expect(state).toMatchObject({ handled: 1, authenticated: 2 });
  });

  it('runs the handler again after a write, after the time to live, and for another query or workspace', async () => {
    const { state, get } = harness();
    await get('/api/v1/things?q=a').expect(200);
    expect((await get('/api/v1/things?q=b').expect(200)).body).toMatchObject({ q: 'b', n: 2 });
    expect((await get('/api/v1/things?q=a', 'ws-2').expect(200)).body).toMatchObject({ workspaceId: 'ws-2', n: 3 });
    state.version += 1;
    expect((await get('/api/v1/things?q=a').expect(200)).body).toMatchObject({ n: 4 });
    state.now += 1000;
    expect((await get('/api/v1/things?q=a').expect(200)).body).toMatchObject({ n: 5 });
    expect((await get('/api/v1/things?q=a').expect(200)).body).toMatchObject({ n: 5 });
  });

  it('runs its handler once for a burst of requests that miss together', async () => {
    const { state, get, loads } = harness();
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    const burst = Array.from({ length: 5 }, () => get('/api/v1/things?q=a').then((res) => res));
    await vi.waitFor(() => expect(loads).toHaveBeenCalledTimes(5));
    open();
    const answers = await Promise.all(burst);
    expect(answers.map((res) => [res.status, res.body.n])).toEqual(Array(5).fill([200, 1]));
    expect(new Set(answers.map((res) => res.headers['x-request-id'])).size).toBe(5);
    expect(state.handled).toBe(1);
  });

  it('does not share a run that began before a write with requests that came after it', async () => {
    const { state, get } = harness();
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    const before = get('/api/v1/things?q=a').then((res) => res);
    await vi.waitFor(() => expect(state.handled).toBe(1));
    state.version += 1;
    const after = get('/api/v1/things?q=a').then((res) => res);
    await vi.waitFor(() => expect(state.handled).toBe(2));
    open();
    expect([(await before).body.n, (await after).body.n]).toEqual([1, 2]);
  });

  it('gives each request of a burst its own answer when the shared run fails', async () => {
    const { state, get, loads } = harness();
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    state.missing = true;
    const burst = Array.from({ length: 3 }, () => get('/api/v1/things?q=a').then((res) => res));
    await vi.waitFor(() => expect(loads).toHaveBeenCalledTimes(3));
    open();
    const answers = await Promise.all(burst);
    expect(answers.map((res) => [res.status, res.body.code])).toEqual(Array(3).fill([404, 'not_found']));
    expect(answers.map((res) => res.body.requestId)).toEqual(answers.map((res) => res.headers['x-request-id']));
    expect(state.handled).toBe(3);
  });

  it('refuses a caller who lost the permission although the answer is cached', async () => {
    const { state, get } = harness();
    await get('/api/v1/things').expect(200);
    state.allowed = false;
    await get('/api/v1/things').expect(403);
  });

  it('is not kept when a write committed while its handler read', async () => {
    const cache = new ResponseCache({ ttlMs: 1000, version: () => version });
    let version = 0;
    const started = cache.version();
    version += 1;
    cache.set('key', started, { status: 200, headers: {}, body: Buffer.from('{}'), etag: '' });
    expect(cache.get('key')).toBeUndefined();
  });

  it('keeps at most its byte budget, dropping the oldest answers first', () => {
    const cache = new ResponseCache({ ttlMs: 1000, version: () => 0, maxBytes: 10 });
    const answer = (bytes: number) => ({ status: 200, headers: {}, body: Buffer.alloc(bytes), etag: '' });
    cache.set('a', 0, answer(4));
    cache.set('b', 0, answer(4));
    cache.set('c', 0, answer(4));
    cache.set('huge', 0, answer(11));
    expect(['a', 'b', 'c', 'huge'].map((key) => cache.get(key) !== undefined)).toEqual([false, true, true, false]);
  });

  it('may only be declared on a GET route that does not answer per user', () => {
    const spec = { path: '/x', operationId: 'x', summary: 'x', tags: [], responses: {}, cache: true, handler: async () => ({}) };
    const mount = (route: object) => () =>
      mountRoutes(express.Router(), [route as Route], { access: {} as AccessService, cookieSecure: 'false' });
    expect(mount({ ...spec, method: 'post', permission: 'agents:create' })).toThrow(/cached/);
    expect(mount({ ...spec, method: 'get', permission: 'authenticated' })).toThrow(/cached/);
    const conditional = { headers: z.object({ 'if-none-match': z.string().optional() }) };
    expect(mount({ ...spec, method: 'get', permission: 'agents:read', request: conditional })).toThrow(/request is their URL/);
    expect(mount({ ...spec, method: 'get', permission: 'agents:read' })).not.toThrow();
  });
});
