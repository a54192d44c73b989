import { ENDPOINTS, type EndpointName } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Route } from './route.js';
import { routeTable, type RouteTableDependencies } from '../routes.js';

/**
 * The web client types each call by the contracts' endpoint table (`ENDPOINTS`), not by the server's
 * routes. This holds the two together: every endpoint is a route with the same operation id, method,
 * path, request body and success response, so a route cannot change what it takes or answers while
 * the client's types stay as they were.
 */
const routes = routeTable(new Proxy({}, { get: () => () => undefined }) as unknown as RouteTableDependencies);
const byOperation = new Map(routes.map((route) => [route.operationId, route]));

/** The schema a 2xx reply is declared with; undefined for an empty (204) one. */
function successSchema(route: Route): z.ZodType | undefined {
  const success = Object.entries(route.responses).filter(([status]) => Number(status) >= 200 && Number(status) < 300);
  expect(success, `${route.operationId} declares one success response`).toHaveLength(1);
  return success[0]?.[1].schema;
}

/**
 * Two schemas say the same when they are one object or when their JSON Schemas agree. Read without
 * the registry: the names schemas are filed under for the OpenAPI document are not what they say.
 */
function describes(schema: z.ZodType | undefined): unknown {
  if (schema === undefined) return undefined;
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', metadata: z.registry() });
}

function expectSameSchema(actual: z.ZodType | undefined, expected: z.ZodType | undefined, what: string): void {
  if (actual === expected) return;
  expect(describes(actual), what).toEqual(describes(expected));
}

describe('the contracts endpoint table', () => {
  const names = Object.keys(ENDPOINTS) as EndpointName[];

  it.each(names)('%s is a route of the server with the same method, path, body and response', (name) => {
    const endpoint = ENDPOINTS[name];
    const route = byOperation.get(name);
    expect(route, `no route has the operation id ${name}`).toBeDefined();
    if (!route) return;
    expect(route.method.toUpperCase()).toBe(endpoint.method);
    expect(route.path).toBe(endpoint.path);
    expectSameSchema(route.request?.body, 'body' in endpoint ? endpoint.body : undefined, `${name} request body`);
    expectSameSchema(successSchema(route), 'response' in endpoint ? endpoint.response : undefined, `${name} response`);
  });

  it('tells schemas apart that differ', () => {
    const a = z.object({ items: z.array(z.string()) });
    expect(describes(a)).toEqual(describes(z.object({ items: z.array(z.string()) }).meta({ id: 'Other' })));
    expect(describes(a)).not.toEqual(describes(z.object({ items: z.array(z.number()) })));
  });
});
