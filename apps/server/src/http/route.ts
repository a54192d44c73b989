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
   * Reuse 200 answers from the response cache (GET only), keyed by workspace and URL. Declare it only
   * when the body depends on nothing but the workspace, the params and the query: not on the caller.
   * A cached route declares no request headers or body, and neither `serve` nor `stream`.
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
export function mountRoutes(router: Pick<Router, HttpMethod>, routes: readonly Route[], options: MountOptions): void {
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
    if (route.cache && (route.serve || route.stream || route.request?.headers || route.request?.body)) {
      throw new Error(`Route ${route.operationId} is cached, but only routes whose request is their URL can be`);
    }
    const strict = options.strictResponses ?? process.env['NODE_ENV'] === 'test';
    const cache = route.cache ? options.responseCache : undefined;
    router[route.method](route.path, async (req, res, next) => {
      const context = await authenticate(route, req, res, options);
      if (cache) {
        await respondCached(req, res, route, context, cache, options, strict);
        return;
      }
      parseRequest(route, req, context, !route.serve);
      const { stream } = route;
      if (route.serve) {
        // Its body was left unparsed: it reads the request itself.
        await route.serve(context as RouteContext<unknown, unknown, undefined, unknown>, req, res, next);
      } else if (stream && wantsEventStream(req)) {
        await writeEventStream(req, res, (events) =>
          stream.handler(context, {
            send: (event, data, id) => events.send(event, serialised(stream.events[event] ?? z.never(), data, strict), id),
          }),
        );
      } else {
        respond(res, route, await route.handler(context), options, strict);
      }
    });
  }
}

/**
 * A request's context. What costs to work out and most handlers never read is worked out when read:
 * the abort signal (a controller and a listener per request cost more than a cached answer's own
 * work) and the cookies. A class, so that these getters are made once, not per request.
 */
class RequestContext implements RouteContext<unknown, unknown, unknown, unknown> {
  params: unknown = undefined;
  query: unknown = undefined;
  body: unknown = undefined;
  headers: unknown = undefined;
  readonly workspaceId: string;
  readonly #req: Request;
  readonly #res: Response;
  #signal: AbortSignal | undefined;

  constructor(
    req: Request,
    res: Response,
    readonly principal: Principal | null,
    readonly access: WorkspaceAccess | null,
    readonly actor: AuditActor,
  ) {
    this.#req = req;
    this.#res = res;
    this.workspaceId = access?.workspaceId ?? '';
  }

  /** Aborts when the connection closes before the response has been written in full. */
  get signal(): AbortSignal {
    if (this.#signal) return this.#signal;
    const res = this.#res;
    const gone = new AbortController();
    const abort = () => gone.abort(new DOMException('The client went away', 'AbortError'));
    if (res.closed) {
      if (!res.writableEnded) abort();
    } else {
      res.on('close', () => {
        if (!res.writableEnded) abort();
      });
    }
    return (this.#signal = gone.signal);
  }

  get cookies(): Record<string, string> {
    return cookiesOf(this.#req);
  }
}

async function authenticate(route: Route, req: Request, res: Response, options: MountOptions): Promise<RequestContext> {
  // The address is worked out (through the trusted proxies) only when something records it.
  const actor: AuditActor = {
    principal: null,
    get ip() {
      return req.ip ?? null;
    },
  };
  if (route.permission === 'public') return new RequestContext(req, res, null, null, actor);
  const principal = await options.access.authenticate(req.headers.authorization);
  actor.principal = principal;
  if (route.permission === 'authenticated') return new RequestContext(req, res, principal, null, actor);
  const requested = req.get(WORKSPACE_HEADER);
  const access = await options.access.resolveWorkspace(
    principal,
    requested === undefined || requested === '' ? undefined : requested,
  );
  options.access.authorize(access, route.permission);
  return new RequestContext(req, res, principal, access, actor);
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

/** Parses into `context`; `withBody` false leaves the body to a route that serves the request itself. */
function parseRequest(route: Route, req: Request, context: RequestContext, withBody: boolean): void {
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

  context.params = parsedParams?.data;
  context.query = parsedQuery?.data;
  context.headers = parsedHeaders?.data;
  if (!withBody) return;
  if (body && hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  const parsedBody = body?.safeParse(req.body);
  if (parsedBody && !parsedBody.success) {
    throw new AppError('validation_failed', 'The request has invalid fields', { errors: fieldErrors(parsedBody.error) });
  }
  context.body = parsedBody?.data;
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
 * the handler, kept as the bytes sent. Its key is the URL as sent, in the workspace: a cached route's
 * request is its URL (params and query), which was parsed and found valid when its answer was kept, so
 * a kept answer skips parsing too. Anything else is parsed first, and bad input answers 4xx as always.
 */
async function respondCached(
  req: Request,
  res: Response,
  route: Route,
  context: RequestContext,
  cache: ResponseCache,
  options: MountOptions,
  strict: boolean,
): Promise<void> {
  const key = `${route.operationId} ${context.workspaceId} ${req.url}`;
  const current = cache.get(key);
  if (current) {
    sendCached(res, current);
    return;
  }
  parseRequest(route, req, context, true);
  let uncacheable: RouteResult | undefined;
  const cached = await cache.load(key, async () => {
    const result = await route.handler(context);
    const schema = route.responses[200]?.schema;
    if (result.status !== 200 || !schema || (result.cookies ?? []).length > 0) {
      uncacheable = result;
      return undefined;
    }
    const body = Buffer.from(JSON.stringify(serialised(schema, result.body, strict)));
    // The headers `res.json` would send, worked out once: a version the route declares is the entity tag.
    const declared = result.headers ?? {};
    const declaredTag = Object.entries(declared).find(([name]) => name.toLowerCase() === 'etag')?.[1];
    const etagOf = res.app.get('etag fn') as ((body: Buffer) => string) | undefined;
    const etag = declaredTag ?? etagOf?.(body) ?? '';
    const headers = { ...declared, ...(etag && declaredTag === undefined ? { ETag: etag } : {}), ...JSON_HEADERS };
    return { status: 200, headers: { ...headers, 'Content-Length': String(body.length) }, body, etag };
  });
  if (cached) sendCached(res, cached);
  else if (uncacheable) respond(res, route, uncacheable, options, strict);
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/**
 * Sends a kept answer as `res.json` would have (same headers, same entity tag, 304 when fresh, no body
 * to HEAD), with the headers worked out when it was kept: the bytes go out as they are.
 */
function sendCached(res: Response, response: CachedResponse): void {
  const { req } = res;
  res.statusCode = response.status;
  for (const name in response.headers) res.setHeader(name, response.headers[name] as string);
  const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  if (conditional && req.fresh) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.end();
  } else if (req.method === 'HEAD') res.end();
  else res.end(response.body);
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
