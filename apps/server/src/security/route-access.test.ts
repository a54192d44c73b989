import { readFileSync, writeFileSync } from 'node:fs';
import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, type Permission } from '@agent-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_OPERATIONS } from '../http/public-routes.js';
import { createTestApp, type Client, type TestApp } from '../test-support.js';

/**
 * The expected access of every role to every route, kept in the repository. It is generated from
 * the running app with UPDATE_ROUTE_ACCESS=1 and reviewed like code: a new route, a changed
 * permission or a changed role fails this test until the table is updated on purpose.
 */
const TABLE_FILE = new URL('./route-access.json', import.meta.url);
type Outcome = 'allow' | '401' | '403';
type Row = { permission: string } & Partial<Record<Caller, Outcome>>;
const CALLERS = [...BUILT_IN_ROLES, 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

interface Operation {
  key: string;
  method: string;
  path: string;
  operationId: string;
  permission: string;
}

let t: TestApp;
let operations: Operation[];
const clients = {} as Record<Caller, Client>;

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.signupOwner();
  clients.owner = owner.client;
  clients.anonymous = t.anonymous;
  for (const role of BUILT_IN_ROLES.filter((r) => r !== 'owner')) clients[role] = (await t.addUser(owner, role)).client;
  const document = (await t.anonymous.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { operationId: string; 'x-permission': string }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      operationId: op.operationId,
      permission: op['x-permission'],
    })),
  );
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** What `caller` gets from the route's auth gate: a valid-looking request with made-up ids. */
async function outcome(caller: Caller, op: Operation): Promise<Outcome> {
  const url = op.path.replace(/\{[^}]+\}/g, '8d3c2b0e-1c51-4c8e-9d7e-3f1f4c1c2a10');
  const request = clients[caller][op.method as 'get'](url);
  const res = op.method === 'get' || op.method === 'delete' ? await request : await request.send({});
  return res.status === 401 ? '401' : res.status === 403 ? '403' : 'allow';
}

describe('the route access table', () => {
  it('lists exactly the routes of the route table, with their permissions', () => {
    const expected = JSON.parse(readFileSync(TABLE_FILE, 'utf8')) as Record<string, Row>;
    const actual = Object.fromEntries(operations.map((op) => [op.key, op.permission]));
    expect(actual).toEqual(Object.fromEntries(Object.entries(expected).map(([key, row]) => [key, row.permission])));
  });

  it('has only allowlisted public routes, and every allowlisted operation exists', () => {
    const publicOps = operations.filter((op) => op.permission === 'public').map((op) => op.operationId);
    expect(new Set(publicOps)).toEqual(PUBLIC_OPERATIONS);
  });

  it('gives every role exactly the access the table records, and the role definitions imply', async () => {
    // Sessions end with logout, so it goes last.
    const ordered = [...operations]
      .filter((op) => op.permission !== 'public')
      .sort((a, b) => Number(a.operationId === 'logout') - Number(b.operationId === 'logout'));
    const observed: Record<string, Row> = {};
    for (const op of ordered) {
      const row: Row = { permission: op.permission };
      for (const caller of CALLERS) row[caller] = await outcome(caller, op);
      observed[op.key] = row;
      for (const role of BUILT_IN_ROLES) {
        const implied =
          op.permission === 'authenticated' || BUILT_IN_ROLE_PERMISSIONS[role].includes(op.permission as Permission);
        expect(row[role], `${role} → ${op.key}`).toBe(implied ? 'allow' : '403');
      }
      expect(row.anonymous, `anonymous → ${op.key}`).toBe('401');
    }
    for (const op of operations.filter((o) => o.permission === 'public')) observed[op.key] = { permission: 'public' };
    const sorted = Object.fromEntries(Object.entries(observed).sort(([a], [b]) => a.localeCompare(b)));
    if (process.env.UPDATE_ROUTE_ACCESS) writeFileSync(TABLE_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
    expect(sorted).toEqual(JSON.parse(readFileSync(TABLE_FILE, 'utf8')));
  }, 120_000);
});
