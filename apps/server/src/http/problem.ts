import { problemType, type ErrorCode, type FieldError, type Problem } from '@agent-fleet/contracts';
import { AppError } from '@agent-fleet/core';
import type { ErrorRequestHandler, Response } from 'express';
import type { z } from 'zod';

const TITLES: Record<ErrorCode, string> = {
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
  invalid_cursor: 'Invalid cursor',
  unsupported_media_type: 'Unsupported media type',
  payload_too_large: 'Request body too large',
  not_found: 'Not found',
  route_not_found: 'No such route',
  name_taken: 'Name already taken',
  version_conflict: 'Version conflict',
  precondition_failed: 'Precondition failed',
  service_unavailable: 'Service unavailable',
  agent_unavailable: 'Agent unavailable',
  conversation_busy: 'Conversation busy',
  budget_exceeded: 'Budget exceeded',
  max_iterations: 'Too many iterations',
  provider_error: 'Model provider error',
  provider_not_configured: 'Provider not configured',
  schema_mismatch: 'Reply does not match the schema',
  outbound_refused: 'Outbound request refused',
  aborted: 'Stopped',
  internal_error: 'Internal server error',
};

export function sendProblem(res: Response, status: number, code: ErrorCode, detail?: string, errors?: FieldError[]): void {
  const problem: Problem = {
    type: problemType(code),
    title: TITLES[code],
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: res.req.originalUrl,
    requestId: String(res.req.id),
    ...(errors?.length ? { errors } : {}),
  };
  res.status(status).type('application/problem+json').json(problem);
}

/** Zod issues as field errors; an unknown key becomes one error per key, named by its path. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'Unknown field', code: 'unknown_field' }));
    }
    return [{ path: path.join('.'), message: issue.message, code: issue.code }];
  });
}

/** body-parser's error types, mapped to our codes. */
const BODY_ERRORS: Record<string, ErrorCode> = {
  'entity.parse.failed': 'invalid_json',
  'entity.too.large': 'payload_too_large',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
};

/**
 * The one error translator: AppError and body-parser errors become their problem; anything else
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
  const bodyError = error as { type?: string; status?: number; message?: string };
  const bodyCode = bodyError.type ? BODY_ERRORS[bodyError.type] : undefined;
  if (bodyCode || (bodyError.type && bodyError.status && bodyError.status < 500)) {
    const status = bodyError.status ?? 400;
    req.log.warn({ type: bodyError.type }, 'rejected request body');
    sendProblem(res, status, bodyCode ?? 'invalid_json', bodyDetail(bodyCode, status));
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  sendProblem(res, 500, 'internal_error', 'An unexpected error occurred. Quote the request id when reporting it.');
};

function bodyDetail(code: ErrorCode | undefined, status: number): string {
  if (code === 'payload_too_large') return 'The request body exceeds the size limit';
  if (code === 'unsupported_media_type') return 'The body encoding or charset is not supported';
  return status === 400 ? 'The request body is not valid JSON' : 'The request body could not be read';
}
