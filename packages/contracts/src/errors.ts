import { z } from 'zod';

/**
 * Stable, machine-readable error codes. Clients switch on these, never on messages,
 * so a code is never renamed once shipped.
 */
export const ErrorCodeSchema = z.enum([
  'validation_failed',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'rate_limited',
  'signup_closed',
  'invitation_invalid',
  'email_taken',
  'role_in_use',
  'last_owner',
  'template_invalid',
  'render_failed',
  'prompt_in_use',
  'invalid_json',
  /** A path segment (or other URL part) is not valid percent-encoded UTF-8, e.g. `/agents/%FF`. */
  'invalid_url_encoding',
  /** The body does not decode per its `Content-Encoding`, e.g. `gzip` on a plain body. */
  'invalid_content_encoding',
  /** The request could not be read as sent (a body shorter than its Content-Length, an aborted upload). */
  'malformed_request',
  /** The request line and headers exceed the server's limit (16 KiB), e.g. a huge query string. */
  'headers_too_large',
  /** The client did not send its headers or its body in time (slowloris). */
  'request_timeout',
  'invalid_cursor',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'route_not_found',
  'name_taken',
  'version_conflict',
  /** The request conflicts with the resource's current state, e.g. deleting a pipeline with active runs. */
  'conflict',
  'precondition_failed',
  'service_unavailable',
  'engine_busy',
  'agent_unavailable',
  /** The fleet takes no new tasks: it is draining. */
  'fleet_unavailable',
  /** The fleet's queue holds `queueLimit` tasks already; submit again later. */
  'fleet_queue_full',
  'conversation_busy',
  'budget_exceeded',
  /** A delegation would go deeper along the parent-task chain than the limit allows. */
  'delegation_depth_exceeded',
  /** A root task has made as many delegations as the limit allows. */
  'delegation_hops_exceeded',
  /** The same agent asked the same agent the same thing again under one root task (ping-pong), or itself. */
  'delegation_loop',
  /** The agent may not hand work to that agent (not among its fleet member's `allowedDelegates`). */
  'delegation_not_allowed',
  /** The root task ran past its deadline (a fleet's `taskTimeout`). */
  'task_timeout',
  'max_iterations',
  'provider_error',
  'provider_not_configured',
  'schema_mismatch',
  'outbound_refused',
  'aborted',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * The one HTTP status of each error code. `AppError` takes its status from here, the OpenAPI document
 * lists a route's declared codes under these statuses, so a code always answers the same status.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  rate_limited: 429,
  signup_closed: 403,
  invitation_invalid: 400,
  email_taken: 409,
  role_in_use: 409,
  last_owner: 409,
  template_invalid: 400,
  render_failed: 400,
  prompt_in_use: 409,
  invalid_json: 400,
  invalid_url_encoding: 400,
  invalid_content_encoding: 400,
  malformed_request: 400,
  headers_too_large: 431,
  request_timeout: 408,
  invalid_cursor: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  route_not_found: 404,
  name_taken: 409,
  version_conflict: 409,
  conflict: 409,
  precondition_failed: 412,
  service_unavailable: 503,
  engine_busy: 503,
  agent_unavailable: 409,
  fleet_unavailable: 409,
  fleet_queue_full: 429,
  conversation_busy: 409,
  /** The task's spending limit was reached: 402 Payment Required is the closest meaning. */
  budget_exceeded: 402,
  delegation_depth_exceeded: 422,
  delegation_hops_exceeded: 422,
  delegation_loop: 422,
  delegation_not_allowed: 403,
  task_timeout: 408,
  max_iterations: 422,
  /** The request was fine; the provider it depends on failed (a 5xx would blame this server). */
  provider_error: 424,
  provider_not_configured: 400,
  schema_mismatch: 422,
  outbound_refused: 424,
  /** Stopped by the user or a client that went away. */
  aborted: 409,
  internal_error: 500,
} as const satisfies Record<ErrorCode, number>;

/** The status an error code answers; for one code, the literal number. */
export type ErrorStatus<C extends ErrorCode = ErrorCode> = (typeof ERROR_STATUS)[C];

/** One invalid input field. `path` is dotted (`model.temperature`, `skills.2`); `""` is the whole body. */
export const FieldErrorSchema = z
  .object({
    path: z.string(),
    message: z.string(),
    code: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, extended with a stable `code`, the request id and field errors. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: ErrorCodeSchema,
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** The `type` URI of a problem with the given code. */
export const problemType = (code: ErrorCode): string => `urn:agent-fleet:problem:${code}`;
