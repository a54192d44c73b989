import { AppError, type AccessService, type Principal, type WorkspaceAccess } from '@agent-fleet/core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
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
  const state = { version: 0, now: 0, handled: 0, authenticated: 0, allowed: true };
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
    handler: async ({ query, workspaceId }) => {
      state.handled += 1;
      return { status: 200, body: { q: query.q ?? '', workspaceId, n: state.handled } };
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
  return { state, get };
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
  });
});
