import {
  ERROR_STATUS,
  problemType,
  type ErrorCode,
  type ErrorStatus,
  type FieldError,
  type Problem,
} from '@agent-fleet/contracts';
import { AppError } from '@agent-fleet/core';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { z } from 'zod';

/** The problem `title` of each code: short, stable, for people. */
export const ERROR_TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Invalid request',
  unauthorized: 'Authentication required',
  invalid_credentials: 'Invalid email or password',
  forbidden: 'Permission denied',
  rate_limited: 'Too many attempts',
  signup_closed: 'Sign-up is closed',
  invitation_invalid: 'Invalid invitation',
  email_taken: 'Email already registered',
  role_in_use: 'Role in use',
  last_owner: 'A workspace needs an owner',
  template_invalid: 'Template has errors',
  render_failed: 'Render failed',
  prompt_in_use: 'Template in use',
  invalid_json: 'Malformed JSON body',
  invalid_url_encoding: 'Malformed URL encoding',
  invalid_content_encoding: 'Malformed content encoding',
  malformed_request: 'Malformed request',
  headers_too_large: 'Request headers too large',
  request_timeout: 'Request timeout',
  invalid_cursor: 'Invalid cursor',
  unsupported_media_type: 'Unsupported media type',
  payload_too_large: 'Request body too large',
  not_found: 'Not found',
  route_not_found: 'No such route',
  name_taken: 'Name already taken',
  version_conflict: 'Version conflict',
  conflict: 'Conflict',
  precondition_failed: 'Precondition failed',
  service_unavailable: 'Service unavailable',
  engine_busy: 'Template engine busy',
  agent_unavailable: 'Agent unavailable',
  fleet_unavailable: 'Fleet unavailable',
  fleet_queue_full: 'Fleet queue full',
  conversation_busy: 'Conversation busy',
  budget_exceeded: 'Budget exceeded',
  delegation_depth_exceeded: 'Delegation too deep',
  delegation_hops_exceeded: 'Too many delegations',
  delegation_loop: 'Delegation loop',
  delegation_not_allowed: 'Delegation not allowed',
  task_timeout: 'Task timed out',
  max_iterations: 'Too many iterations',
  provider_error: 'Model provider error',
  provider_not_configured: 'Provider not configured',
  schema_mismatch: 'Reply does not match the schema',
  outbound_refused: 'Outbound request refused',
  aborted: 'Stopped',
  internal_error: 'Internal server error',
};

/** The problem+json body of a failure of the request `req`; the status is the code's, from `ERROR_STATUS`. */
export function problemOf(req: Request, code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: problemType(code),
    title: ERROR_TITLES[code],
    status: ERROR_STATUS[code],
    code,
    ...(detail ? { detail } : {}),
    instance: req.originalUrl,
    requestId: String(req.id),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Answers with the problem of `code`; `status` restates the code's status and must match it. */
export function sendProblem<C extends ErrorCode>(
  res: Response,
  status: ErrorStatus<C>,
  code: C,
  detail?: string,
  errors?: FieldError[],
): void {
  res
    .status(status)
    .type('application/problem+json')
    .json(problemOf(res.req, code, detail, errors));
}

/** Zod issues as field errors; an unknown key becomes one error per key, named by its path. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue) => issueErrors(issue, [prefix, ...issue.path.map(String)].filter(Boolean)));
}

function issueErrors(issue: z.core.$ZodIssue, path: string[]): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'Unknown field', code: 'unknown_field' }));
  }
  // A bad record key: say what is wrong with the key, not just that it is one.
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    return issue.issues.flatMap((inner) => issueErrors(inner as z.core.$ZodIssue, [...path, ...inner.path.map(String)]));
  }
  // Refinements name a stable code of their own in `params.code` (e.g. `invalid_text`).
  const custom = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return [{ path: path.join('.'), message: issue.message, code: typeof custom === 'string' ? custom : issue.code }];
}

/** body-parser's error types, mapped to our codes. */
const BODY_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  'entity.parse.failed': { code: 'invalid_json', detail: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'payload_too_large', detail: 'The request body exceeds the size limit' },
  'encoding.unsupported': { code: 'unsupported_media_type', detail: 'The body encoding or charset is not supported' },
  'charset.unsupported': { code: 'unsupported_media_type', detail: 'The body encoding or charset is not supported' },
};

interface ReadFailure {
  code: ErrorCode;
  detail: string;
}

/**
 * A failure to read the request as sent, before any route runs: the client's fault, so a 4xx with a
 * stable code. Express throws a URIError (status 400) for a path parameter such as `%FF`; body-parser
 * passes a zlib error (status 400, no `type`) for `Content-Encoding: gzip` on a plain body, and an
 * http-errors 4xx for the rest. Null for anything else, which is a bug.
 */
export function requestReadFailure(error: unknown, req: Request): ReadFailure | null {
  if (error instanceof URIError) {
    return { code: 'invalid_url_encoding', detail: 'The URL is not valid percent-encoded UTF-8' };
  }
  const failure = error as { type?: unknown; status?: unknown; expose?: unknown };
  const known = typeof failure.type === 'string' ? BODY_ERRORS[failure.type] : undefined;
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  if (known) return known;
  if (status === undefined || status < 400 || status >= 500) return null;
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && failure.type === undefined) {
    return { code: 'invalid_content_encoding', detail: `The body is not valid ${encoding} data` };
  }
  return { code: 'malformed_request', detail: 'The request could not be read as sent' };
}

/**
 * The one error translator: AppError and request-reading errors become their problem; anything else
 * is a bug, logged with its stack and answered with a bare 500.
 */
export const errorTranslator: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof AppError) {
    req.log.warn({ code: error.code }, error.message);
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="agent-fleet"');
    sendProblem(res, error.status, error.code, error.message, error.errors);
    return;
  }
  const failure = requestReadFailure(error, req);
  if (failure) {
    req.log.warn({ code: failure.code }, 'rejected request');
    sendProblem(res, ERROR_STATUS[failure.code], failure.code, failure.detail);
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  sendProblem(res, 500, 'internal_error', 'An unexpected error occurred. Quote the request id when reporting it.');
};
