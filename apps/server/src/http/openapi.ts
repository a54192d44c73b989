import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ERROR_STATUS, ProblemSchema, type ErrorCode } from '@agent-fleet/contracts';
import type { z } from 'zod';
import { eventStreamSchema } from './event-stream.js';
import { ERROR_TITLES } from './problem.js';
import type { Route, RouteResponse } from './route.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** What the error codes every route may answer mean, in place of their titles. */
const IMPLICIT_ERRORS: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'invalid input, every bad field is listed in `errors`',
  internal_error: 'unexpected server error',
};
const AUTH_ERRORS: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'missing, invalid or expired credentials',
  forbidden: 'the role lacks the permission',
};

/** The route's error responses: its declared codes and the implicit ones, grouped by their status. */
function errorResponses(route: Route) {
  const described: Partial<Record<ErrorCode, string>> = {
    ...IMPLICIT_ERRORS,
    ...(route.permission === 'public' ? {} : AUTH_ERRORS),
  };
  const byStatus = new Map<number, string[]>();
  for (const code of new Set([...(Object.keys(described) as ErrorCode[]), ...(route.errors ?? [])])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${described[code] ?? ERROR_TITLES[code]}`]);
  }
  return Object.fromEntries([...byStatus].map(([status, lines]) => [status, problem(lines.join('; '))]));
}

/** A success response: its JSON body, and for the 200 of a stream route the event stream too. */
function success(route: Route, status: number, response: RouteResponse) {
  const content = {
    ...(response.schema ? { [response.contentType ?? 'application/json']: { schema: response.schema } } : {}),
    ...(route.stream && status === 200 ? { 'text/event-stream': { schema: eventStreamSchema(route.stream.events) } } : {}),
  };
  const description =
    route.stream && status === 200
      ? `${response.description}. As \`text/event-stream\`: ${route.stream.description} ${STREAM_NOTE}`
      : response.description;
  return {
    description,
    ...(Object.keys(content).length > 0 ? { content } : {}),
    ...(response.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, d]) => [name, { description: d, schema: { type: 'string' as const } }]),
          ),
        }
      : {}),
  };
}

const STREAM_NOTE =
  'Every event has an `id:` (1, 2, … within the response). A failure after the first event ends the stream with an `error` event whose data is a `Problem`.';

/** `:name` becomes `{name}`; an escaped colon (`message\\:send`, as A2A's REST paths have) stays a colon. */
const toOpenApiPath = (path: string) => path.replace(/(?<!\\):([A-Za-z0-9_]+)/g, '{$1}').replaceAll('\\:', ':');

/** The OpenAPI 3.1 document of the route table, generated from the same zod schemas that validate. */
export function buildOpenApiDocument(routes: readonly Route[], version: string): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A 15-minute access token from POST /api/v1/auth/login, /signup or /refresh.',
  });
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'af_<id>_<secret>',
    description: 'An API key, sent as a bearer token. Bound to one workspace and a role.',
  });
  registry.registerComponent('securitySchemes', 'refreshCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'af_refresh',
    description: 'The httpOnly refresh cookie set by login; it rotates on every refresh.',
  });
  for (const route of routes) {
    const { params, query, body, headers } = route.request ?? {};
    const config: RouteConfig = {
      method: route.method,
      path: toOpenApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      // Who may call it, as declared in the route table.
      'x-permission': route.permission,
      security:
        route.permission === 'public'
          ? route.operationId === 'refresh'
            ? [{ refreshCookie: [] }]
            : []
          : [{ bearerAuth: [] }, { apiKey: [] }],
      request: {
        ...(params ? { params: params as z.ZodObject } : {}),
        ...(query ? { query: query as z.ZodObject } : {}),
        ...(headers ? { headers: headers as z.ZodObject } : {}),
        ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: {
        ...errorResponses(route),
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [status, success(route, Number(status), response)]),
        ),
      },
    };
    registry.registerPath(config);
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Agent Fleet API',
      version,
      description:
        'Define LLM agents, group them into fleets and run pipelines. Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: '/' }],
  });
  return repaired(document);
}

/**
 * Two habits of zod-to-openapi that make generated clients reject valid data, undone here:
 * - a pattern is the regex's `toString()` less its first and last slash, so flags leak in
 *   (`^[\p{L}]+$/u`). A regex's source escapes its slashes, so an unescaped `/flags` at the end can only
 *   be that leak;
 * - a nullable component is `allOf: [{ $ref }, { type: ['object', 'null'] }]`, which refuses null (the
 *   reference must match too). It becomes `anyOf: [{ $ref }, { type: 'null' }]`.
 */
function repaired<T>(node: T): T {
  if (Array.isArray(node)) return node.map(repaired) as T;
  if (node === null || typeof node !== 'object') return node;
  const nullableRef = nullableReference(node as Record<string, unknown>);
  if (nullableRef) return { ...nullableRef.rest, anyOf: [nullableRef.ref, { type: 'null' }] } as T;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'pattern' && typeof value === 'string' ? value.replace(/(?<!\\)\/[dgimsuvy]+$/, '') : repaired(value),
    ]),
  ) as T;
}

function nullableReference(node: Record<string, unknown>): { ref: object; rest: object } | undefined {
  const { allOf, ...rest } = node;
  if (!Array.isArray(allOf) || allOf.length !== 2) return undefined;
  const [ref, nullable] = allOf as Record<string, unknown>[];
  const type = nullable?.type;
  const onlyType = nullable && Object.keys(nullable).length === 1;
  if (!ref?.$ref || !onlyType || !Array.isArray(type) || !type.includes('null')) return undefined;
  return { ref, rest };
}
