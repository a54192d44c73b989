import {
  ENDPOINT_ROUTES,
  type EndpointBody,
  type EndpointName,
  type EndpointParams,
  type EndpointResponse,
  type WORKSPACE_HEADER as ContractWorkspaceHeader,
} from '@agent-fleet/contracts';
import { ApiError, apiErrorFromResponse, networkError } from './api-error';
import { authClient } from './auth-client';

/**
 * The contract's header name, checked against it by type: importing the value would bring the
 * contract's schemas (and zod) onto the sign-in page.
 */
const WORKSPACE_HEADER: typeof ContractWorkspaceHeader = 'X-Workspace-Id';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialized as JSON when present. */
  body?: unknown;
  /** Query parameters; `undefined`, `null`, `''` and empty arrays are left out, arrays are comma-joined. */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /**
   * Sends the access token and workspace, and after a 401 renews the token once and retries.
   * Default true; false for the public sign-in routes, whose 401 means wrong credentials.
   */
  auth?: boolean;
  /** Lets the request finish (and its cookies land) even if the page is left meanwhile. Default false. */
  keepalive?: boolean;
}

/** Path plus query string, skipping empty values so URLs stay short and cache keys stable. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
      continue;
    }
    params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

interface Sent {
  response: Response;
  /** The access token the request carried, to tell whether a 401 is already outdated. */
  token: string | null;
}

async function send(path: string, options: ApiRequestOptions, auth: boolean): Promise<Sent> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  const token = auth ? authClient.accessToken : null;
  if (token) headers['authorization'] = `Bearer ${token}`;
  const workspaceId = auth ? authClient.workspaceId : null;
  if (workspaceId) headers[WORKSPACE_HEADER] = workspaceId;
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.keepalive) init.keepalive = true;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  try {
    return { response: await fetch(buildUrl(path, options.query), init), token };
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError(cause);
  }
}

/**
 * A token to retry with after a 401: the current one if another request renewed it meanwhile,
 * else a fresh one from the (single-flight) refresh; null when the session is over.
 */
async function renewedToken(used: string | null): Promise<string | null> {
  const current = authClient.accessToken;
  if (current !== null && current !== used) return current;
  const session = await authClient.refresh();
  return session?.accessToken ?? null;
}

/**
 * Sends a request the way every API call is sent (token, workspace, one renewal after a 401) and
 * resolves with the raw 2xx response, for replies that are not one JSON body, such as an event stream.
 * Rejects with an ApiError for network failures and every non-2xx status.
 */
export async function apiFetch(path: string, options: ApiRequestOptions = {}): Promise<Response> {
  const auth = options.auth ?? true;
  const first = await send(path, options, auth);
  let response = first.response;

  if (response.status === 401 && auth) {
    // Retried once at most: a second 401 with a fresh token means the session really ended.
    if ((await renewedToken(first.token)) !== null) response = (await send(path, options, auth)).response;
    if (response.status === 401) authClient.expire();
  }

  if (!response.ok) throw await apiErrorFromResponse(response);
  return response;
}

/**
 * Calls the API at `path` and resolves with the parsed body (undefined for 204), untyped: features
 * call `api()`, whose answer is typed by the operation's contract.
 * Rejects with an ApiError for network failures and every non-2xx status.
 */
export async function apiRequest(path: string, options: ApiRequestOptions = {}): Promise<unknown> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined;
  const text = await response.text();
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (cause) {
    throw new ApiError({
      status: response.status,
      code: 'unexpected_response',
      title: 'The server sent a response that is not JSON',
      cause,
    });
  }
}

/** The path of an operation with its `:name` parameters filled in (encoded). */
export function endpointPath<N extends EndpointName>(name: N, params: EndpointParams<N>): string {
  const values = params as Record<string, string | number>;
  return ENDPOINT_ROUTES[name].path.replace(/:(\w+)/g, (_match, key: string) => encodeURIComponent(String(values[key])));
}

type HasParams<N extends EndpointName> = keyof EndpointParams<N> extends never ? false : true;
type NeedsBody<N extends EndpointName> = undefined extends EndpointBody<N> ? false : true;
type ParamsOption<N extends EndpointName> = HasParams<N> extends true ? { params: EndpointParams<N> } : { params?: never };
type BodyOption<N extends EndpointName> =
  NeedsBody<N> extends true
    ? { body: EndpointBody<N> }
    : [EndpointBody<N>] extends [undefined]
      ? { body?: never }
      : { body?: EndpointBody<N> };

/** How to call one operation: its path parameters and body as its contract has them, plus the usual options. */
export type EndpointOptions<N extends EndpointName> = Omit<ApiRequestOptions, 'method' | 'body'> &
  ParamsOption<N> &
  BodyOption<N>;

/** The options may be left out when the operation needs neither path parameters nor a body. */
type OptionsArgument<N extends EndpointName> =
  HasParams<N> extends true
    ? [options: EndpointOptions<N>]
    : NeedsBody<N> extends true
      ? [options: EndpointOptions<N>]
      : [options?: EndpointOptions<N>];

/**
 * Calls one API operation by its operation id, e.g. `api('getAgent', { params: { id } })`. Its method
 * and path come from the contracts, and so does the type it resolves with: no caller names it.
 */
export async function api<N extends EndpointName>(name: N, ...[options]: OptionsArgument<N>): Promise<EndpointResponse<N>> {
  const { params, ...rest } = (options ?? {}) as EndpointOptions<N> & { params?: EndpointParams<N> };
  const path = endpointPath(name, (params ?? {}) as EndpointParams<N>);
  return (await apiRequest(path, { ...rest, method: ENDPOINT_ROUTES[name].method })) as EndpointResponse<N>;
}
