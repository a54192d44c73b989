import type { ErrorCode, FieldError } from '@agent-fleet/contracts';

/** Codes the client itself produces when there is no problem document to read. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

/**
 * A server code we know, or one added after this build shipped: unknown codes must not turn a
 * readable problem into a generic failure.
 */
export type ApiErrorCode = ErrorCode | ClientErrorCode | (string & {});

export interface ApiErrorOptions {
  status: number;
  code: ApiErrorCode;
  title: string;
  detail?: string | undefined;
  requestId?: string | undefined;
  fieldErrors?: FieldError[] | undefined;
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/** Every failed API call rejects with one of these, whatever went wrong. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  /** Per-field problems with dotted paths (`model.temperature`); empty unless validation failed. */
  readonly fieldErrors: FieldError[];
  /** From `Retry-After` on 429 and 503 answers: how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: ApiErrorOptions) {
    super(options.detail ?? options.title, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.detail = options.detail;
    this.requestId = options.requestId;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** True for a conflict caused by editing a stale copy (If-Match or body version mismatch). */
export const isStaleVersionError = (error: unknown): boolean =>
  isApiError(error) && (error.code === 'precondition_failed' || error.code === 'version_conflict');

interface LooseProblem {
  title?: string | undefined;
  detail?: string | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  errors?: FieldError[] | undefined;
}

const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' ? value : fallback);

/**
 * Lenient on purpose: a problem from a newer server (new code, extra members) is still readable.
 * Read by hand rather than with zod so the sign-in page does not download a schema library.
 */
function readProblem(body: unknown): LooseProblem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const errors = Array.isArray(record['errors'])
    ? record['errors'].flatMap((item: unknown): FieldError[] => {
        if (typeof item !== 'object' || item === null) return [];
        const error = item as Record<string, unknown>;
        if (typeof error['message'] !== 'string') return [];
        return [{ path: stringOr(error['path'], ''), message: error['message'], code: stringOr(error['code'], 'invalid') }];
      })
    : undefined;
  return {
    title: stringOr(record['title'], undefined),
    detail: stringOr(record['detail'], undefined),
    code: stringOr(record['code'], undefined),
    requestId: stringOr(record['requestId'], undefined),
    errors,
  };
}

/** `Retry-After` as seconds; the header may also be an HTTP date. */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const statusTitle = (status: number, statusText: string): string =>
  statusText.trim() !== '' ? statusText : `Request failed with status ${status}`;

/** Builds an ApiError from a failed response, reading its problem+json body when there is one. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  const base = {
    status: response.status,
    code: 'unexpected_response' as ApiErrorCode,
    title: statusTitle(response.status, response.statusText),
    requestId: headerRequestId,
    retryAfterSeconds: retryAfterOf(response),
  };
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return new ApiError(base);

  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    return new ApiError({ ...base, cause });
  }
  return apiErrorFromProblem(body, base);
}

/**
 * Builds an ApiError from a problem document (a failed reply's body, or the `error` event that ends
 * a stream which failed after it started); `base` stands in for what the document lacks.
 */
export function apiErrorFromProblem(body: unknown, base: ApiErrorOptions): ApiError {
  const problem = readProblem(body);
  if (!problem) return new ApiError(base);
  return new ApiError({
    ...base,
    // A code this build does not know is kept (see ApiErrorCode).
    code: problem.code ?? base.code,
    title: problem.title ?? base.title,
    detail: problem.detail,
    requestId: problem.requestId ?? base.requestId,
    fieldErrors: problem.errors,
  });
}

/** The error used when fetch itself failed: offline, DNS, CORS, server down. */
export const networkError = (cause: unknown): ApiError =>
  new ApiError({
    status: 0,
    code: 'network_error',
    title: 'Cannot reach the server',
    detail: 'Check your connection and that the Agent Fleet server is running, then try again.',
    cause,
  });

/** A one-line, human message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.detail ?? error.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
