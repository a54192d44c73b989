import { ERROR_STATUS, ErrorCodeSchema } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { routeTable, type RouteTableDependencies } from '../routes.js';
import { buildOpenApiDocument } from './openapi.js';

interface Operation {
  operationId: string;
  responses: Record<string, { description: string; content?: object }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const routes = routeTable(new Proxy({}, { get: () => () => undefined }) as unknown as RouteTableDependencies);
const document = buildOpenApiDocument(routes, 'test') as Document;
const operations = new Map(
  Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => [op.operationId, op] as const)),
);

describe('route error codes', () => {
  it('gives every error code one status', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ErrorCodeSchema.options].sort());
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });

  it('documents every declared code of every route under its status, as problem+json', () => {
    const declared = routes.flatMap((route) => (route.errors ?? []).map((code) => ({ route, code })));
    expect(declared.length).toBeGreaterThan(30);
    for (const { route, code } of declared) {
      const response = operations.get(route.operationId)?.responses[String(ERROR_STATUS[code])];
      expect(response?.description, `${route.operationId} ${code}`).toContain(`\`${code}\``);
      expect(response?.content, `${route.operationId} ${code}`).toHaveProperty(['application/problem+json']);
    }
  });

  it('documents no error status a route does not answer', () => {
    for (const route of routes) {
      const implicit = route.permission === 'public' ? [400, 500] : [400, 401, 403, 500];
      const answered = new Set([...implicit, ...(route.errors ?? []).map((code) => ERROR_STATUS[code])]);
      const documented = Object.keys(operations.get(route.operationId)?.responses ?? {})
        .map(Number)
        .filter((status) => status >= 400);
      expect(new Set(documented), route.operationId).toEqual(answered);
    }
  });
});
