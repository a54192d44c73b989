import { INVALID_TEXT, WORKSPACE_HEADER, type ErrorCode, type Permission } from '@agent-fleet/contracts';
import { AppError, type AccessService, type AuditActor, type Principal, type WorkspaceAccess } from '@agent-fleet/core';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { STREAM_ERROR_EVENT, wantsEventStream, writeEventStream, type EventSink, type StreamEvents } from './event-stream.js';
import { fieldErrors } from './problem.js';
import { serialised } from './serialise.js';
import { PUBLIC_OPERATIONS } from './public-routes.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone (`public`, only for operations on the allowlist), any signed-in
 * user (`authenticated`), or holders of a permission in the workspace the request acts in.
 */
export type RoutePermission = Permission | 'public' | 'authenticated';

/** The statuses a route declares as `responses`; anything else is an error code's. */
export type SuccessStatus = 200 | 201 | 202 | 204;

export interface RouteResponse {
  description: string;
  /** Omitted for empty responses (204). */
  schema?: z.ZodType;
  /** A body that is not JSON (the Prometheus text format): the handler answers a string, sent as is with this type. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** The success responses a route declares, by status; failures are its `errors`. */
export type RouteResponses = Partial<Record<SuccessStatus, RouteResponse>>;

export interface RouteContext<P, Q, B, H = undefined> {
  params: P;
  query: Q;
  body: B;
  /** The headers the route declares, parsed (undefined unless it declares some). */
  headers: H;
  cookies: Record<string, string>;
  /** The caller; null only on public routes. */
  principal: Principal | null;
  /** The caller's role in the request's workspace; null unless the route needs a permission. */
  access: WorkspaceAccess | null;
  /** The workspace every read and write is scoped to ('' on routes outside a workspace). */
  workspaceId: string;
  actor: AuditActor;
  /**
   * Aborts when the client goes away before the response ends, for JSON and stream routes alike:
   * pass it to any work the response waits for, so a disconnect stops the work and its spending.
   */
  signal: AbortSignal;
}

/** A cookie to set (value) or clear (null). Security attributes are applied in one place below. */
export interface CookieChange {
  name: string;
  value: string | null;
  path: string;
  expires?: Date;
}

interface ResultExtras {
  headers?: Record<string, string>;
  cookies?: CookieChange[];
}

/**
 * What a handler answers: one of the route's declared responses, with a body its schema takes (none
 * for a response without one). The body goes out through the schema; see `serialised`.
 */
export type RouteResult<R extends RouteResponses = RouteResponses> = {
  [S in keyof R & SuccessStatus]: ResultExtras & { status: S } & (R[S] extends { schema: infer B extends z.ZodType }
      ? { body: z.input<B> }
      : { body?: undefined });
}[keyof R & SuccessStatus];

/**
 * A route that can answer as server-sent events: a client whose `Accept` prefers `text/event-stream`
 * gets the stream (from `handler` here), any other the route's JSON reply.
 */
export interface RouteStream<ES extends StreamEvents, C> {
  /** What the stream carries, in order, and whether it can be resumed. */
  description: string;
  events: ES;
  handler(context: C, events: EventSink<ES>): Promise<void>;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
  HS extends z.ZodType | undefined = undefined,
  R extends RouteResponses = RouteResponses,
  ES extends StreamEvents = StreamEvents,
> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/v1/agents/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  permission: RoutePermission;
  /** Headers are matched by lower-case name; declare only those the handler reads. */
  request?: { params?: PS; query?: QS; body?: BS; headers?: HS };
  responses: R;
  /**
   * The error codes the route answers besides those any route may (`validation_failed`,
   * `internal_error`, and `unauthorized`/`forbidden` where it needs credentials). Each answers its
   * status from `ERROR_STATUS`; the OpenAPI document lists them under it.
   */
  errors?: readonly ErrorCode[];
  handler(context: RouteContext<Output<PS>, Output<QS>, Output<BS>, Output<HS>>): Promise<NoInfer<RouteResult<R>>>;
  stream?: RouteStream<ES, RouteContext<Output<PS>, Output<QS>, Output<BS>, Output<HS>>>;
  /**
   * Serves the request itself, once it is authenticated, authorized and its params, query and headers
   * are parsed: for a protocol whose own library reads the body and writes the reply (A2A). `handler`
   * is then never called, and the declared body and responses only document the route.
   */
  serve?: (
    context: RouteContext<Output<PS>, Output<QS>, undefined, Output<HS>>,
    req: Request,
    res: Response,
    next: NextFunction,
  ) => Promise<void>;
  /**
   * Reuse 200 answers from the response cache (GET only). Declare it only when the body depends on
   * nothing but the workspace, the parsed params, query and declared headers: not on the caller.
   */
  cache?: boolean;
}

/** A route as stored in the route table, its schema types erased. */
export type Route = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/** Declares one route of the route table; the schemas type the handler's context. */
export const defineRoute = <
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
  HS extends z.ZodType | undefined = undefined,
  R extends RouteResponses = RouteResponses,
  ES extends StreamEvents = StreamEvents,
>(
  spec: RouteSpec<PS, QS, BS, HS, R, ES>,
): Route => spec as unknown as Route;

/** The caller of a non-public route. */
export function principalOf(context: { principal: Principal | null }): Principal {
  if (!context.principal) throw new Error('principalOf() used on a public route');
  return context.principal;
}

/** The caller's access on a route that declares a permission. */
export function accessOf(context: { access: WorkspaceAccess | null }): WorkspaceAccess {
  if (!context.access) throw new Error('accessOf() used on a route without a permission');
  return context.access;
}

/** The caller must be a person signed in, not an API key (password changes, logout). */
export function userPrincipalOf(context: { principal: Principal | null }): Principal {
  const principal = principalOf(context);
  if (principal.kind !== 'user') throw new AppError('forbidden', 'This action needs a signed-in user, not an API key');
  return principal;
}

export interface MountOptions {
  access: AccessService;
  /** Whether the refresh cookie is Secure: always, never, or when the request came over HTTPS. */
  cookieSecure: 'auto' | 'true' | 'false';
  /**
   * Refuse (500) a reply or event with fields its schema does not declare, instead of dropping them.
   * Default: on under test (`NODE_ENV=test`), so a leaked column fails the test that sent it.
   */
  strictResponses?: boolean;
  /** Where routes that declare `cache` keep their answers; none are kept without it. */
  responseCache?: ResponseCache;
}

/** Registers each route: authenticate → authorize → parse → handler → respond. Thin by design. */
export function mountRoutes(router: Router, routes: readonly Route[], options: MountOptions): void {
  for (const route of routes) {
    if (route.permission === 'public' && !PUBLIC_OPERATIONS.has(route.operationId)) {
      throw new Error(`Route ${route.operationId} is public but not on the public allowlist`);
    }
    if (route.stream && STREAM_ERROR_EVENT in route.stream.events) {
      throw new Error(`Route ${route.operationId} declares the event "${STREAM_ERROR_EVENT}", which the stream helper sends`);
    }
    if (route.cache && (route.method !== 'get' || route.permission === 'authenticated')) {
      throw new Error(`Route ${route.operationId} is cached, but only GET routes that do not answer per user can be`);
    }
    const strict = options.strictResponses ?? process.env['NODE_ENV'] === 'test';
    const cache = route.cache ? options.responseCache : undefined;
    router[route.method](route.path, async (req, res, next) => {
      const signal = clientGone(res);
      const context = await authenticate(route, req, options, signal);
      Object.assign(context, parseRequest(route, req, !route.serve));
      const { stream } = route;
      if (route.serve) {
        await route.serve({ ...context, body: undefined }, req, res, next);
      } else if (stream && wantsEventStream(req)) {
        await writeEventStream(req, res, (events) =>
          stream.handler(context, {
            send: (event, data, id) => events.send(event, serialised(stream.events[event] ?? z.never(), data, strict), id),
          }),
        );
      } else if (cache) {
        await respondCached(res, route, context, cache, options, strict);
      } else {
        respond(res, route, await route.handler(context), options, strict);
      }
    });
  }
}

/**
 * A signal that aborts when the connection closes before the response has been written in full, made
 * when first read: most handlers never wait on anything cancellable, and a controller and a listener
 * per request cost more than a cached answer's own work.
 */
function clientGone(res: Response): () => AbortSignal {
  let signal: AbortSignal | undefined;
  return () => {
    if (signal) return signal;
    const gone = new AbortController();
    const abort = () => gone.abort(new DOMException('The client went away', 'AbortError'));
    if (res.closed) {
      if (!res.writableEnded) abort();
    } else {
      res.on('close', () => {
        if (!res.writableEnded) abort();
      });
    }
    return (signal = gone.signal);
  };
}

async function authenticate(
  route: Route,
  req: Request,
  options: MountOptions,
  signal: () => AbortSignal,
): Promise<RouteContext<unknown, unknown, unknown>> {
  // The address is worked out (through the trusted proxies) only when something records it.
  const actor: AuditActor = {
    principal: null,
    get ip() {
      return req.ip ?? null;
    },
  };
  const context = (principal: Principal | null, access: WorkspaceAccess | null): RouteContext<unknown, unknown, unknown> => ({
    get signal() {
      return signal();
    },
    params: undefined,
    query: undefined,
    body: undefined,
    headers: undefined,
    get cookies() {
      return cookiesOf(req);
    },
    principal,
    access,
    workspaceId: access?.workspaceId ?? '',
    actor,
  });
  if (route.permission === 'public') return context(null, null);
  const principal = await options.access.authenticate(req.headers.authorization);
  actor.principal = principal;
  if (route.permission === 'authenticated') return context(principal, null);
  const requested = req.get(WORKSPACE_HEADER);
  const access = await options.access.resolveWorkspace(
    principal,
    requested === undefined || requested === '' ? undefined : requested,
  );
  options.access.authorize(access, route.permission);
  return context(principal, access);
}

/**
 * cookie-parser (no signing secret) run when a handler first reads `cookies`, not as a middleware for
 * every request: only the refresh route reads one, and each request paid two dictionaries for it.
 */
const parseCookies = cookieParser();

function cookiesOf(req: Request): Record<string, string> {
  if (!req.cookies) void parseCookies(req, req.res as Response, () => undefined);
  return req.cookies as Record<string, string>;
}

/** `withBody` false leaves the body to a route that serves the request itself. */
function parseRequest(route: Route, req: Request, withBody = true) {
  const { params, query, body, headers } = route.request ?? {};
  const parsedParams = params?.safeParse(req.params);
  if (parsedParams && !parsedParams.success) {
    const errors = fieldErrors(parsedParams.error, 'params');
    // Text no name can hold is bad input; any other malformed id cannot name anything that exists.
    if (errors.some((error) => error.code === INVALID_TEXT)) {
      throw new AppError('validation_failed', 'The path has invalid parameters', { errors });
    }
    throw new AppError('not_found', `Nothing exists at ${req.path}`);
  }

  const parsedQuery = query?.safeParse({ ...(req.query as object) });
  if (parsedQuery && !parsedQuery.success) {
    throw new AppError('validation_failed', 'The query has invalid parameters', {
      errors: fieldErrors(parsedQuery.error, 'query'),
    });
  }

  const parsedHeaders = headers?.safeParse(req.headers);
  if (parsedHeaders && !parsedHeaders.success) {
    throw new AppError('validation_failed', 'The request has invalid headers', {
      errors: fieldErrors(parsedHeaders.error, 'header'),
    });
  }

  if (!withBody) return { params: parsedParams?.data, query: parsedQuery?.data, body: undefined, headers: parsedHeaders?.data };
  if (body && hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const parsedBody = body?.safeParse(req.body);
  if (parsedBody && !parsedBody.success) {
    throw new AppError('validation_failed', 'The request has invalid fields', { errors: fieldErrors(parsedBody.error) });
  }
  return { params: parsedParams?.data, query: parsedQuery?.data, body: parsedBody?.data, headers: parsedHeaders?.data };
}

function respond(res: Response, route: Route, result: RouteResult, options: MountOptions, strict: boolean): void {
  const declared = route.responses[result.status];
  if (!declared) throw new Error(`${route.operationId} answered ${result.status}, which it does not declare`);
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  const secure = options.cookieSecure === 'auto' ? res.req.secure : options.cookieSecure === 'true';
  for (const cookie of result.cookies ?? []) {
    const attributes = { httpOnly: true, sameSite: 'strict', secure, path: cookie.path } as const;
    if (cookie.value === null) res.clearCookie(cookie.name, attributes);
    else res.cookie(cookie.name, cookie.value, { ...attributes, ...(cookie.expires ? { expires: cookie.expires } : {}) });
  }
  if (declared.contentType) res.type(declared.contentType).send(declared.schema?.parse(result.body));
  else if (declared.schema) res.json(serialised(declared.schema, result.body, strict));
  else res.end();
}

/**
 * A cacheable route's answer: from the cache when a current one is there (after authentication and
 * authorization, which ran already) or another request's run of the handler is under way, else from
 * the handler, kept as the bytes sent.
 */
async function respondCached(
  res: Response,
  route: Route,
  context: RouteContext<unknown, unknown, unknown, unknown>,
  cache: ResponseCache,
  options: MountOptions,
  strict: boolean,
): Promise<void> {
  const key = JSON.stringify([route.operationId, context.workspaceId, context.params, context.query, context.headers]);
  let uncacheable: RouteResult | undefined;
  const cached = await cache.load(key, async () => {
    const result = await route.handler(context);
    const schema = route.responses[200]?.schema;
    if (result.status !== 200 || !schema || (result.cookies ?? []).length > 0) {
      uncacheable = result;
      return undefined;
    }
    const body = Buffer.from(JSON.stringify(serialised(schema, result.body, strict)));
    const etagOf = res.app.get('etag fn') as ((body: Buffer) => string) | undefined;
    return { status: 200, headers: result.headers ?? {}, body, etag: etagOf?.(body) ?? '' };
  });
  if (cached) sendCached(res, cached);
  else if (uncacheable) respond(res, route, uncacheable, options, strict);
}

/** Sends a kept answer as `res.json` would have: same headers, same entity tag, 304 when fresh. */
function sendCached(res: Response, response: CachedResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.etag && !res.getHeader('ETag')) res.setHeader('ETag', response.etag);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(response.body);
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
