import { ERROR_STATUS, type ErrorCode, type ErrorStatus, type FieldError } from '@agent-fleet/contracts';

export interface AppErrorOptions {
  cause?: unknown;
  /** Field-level problems, listed in the response's `errors`. */
  errors?: FieldError[];
  /** Response headers the error implies, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * The one error type services throw. The HTTP layer turns it into problem+json; anything else
 * that escapes a service is a bug and becomes a 500 without details.
 *
 * The status comes from the `ERROR_STATUS` table in contracts. The `status` argument restates it for
 * the reader and is checked against the table: a type error for a literal code, and a thrown
 * TypeError where a widened type let another number through.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: ErrorStatus<C>;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: C,
    status: ErrorStatus<C>,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    if (status !== ERROR_STATUS[code]) throw new TypeError(`AppError ${code} answers ${ERROR_STATUS[code]}, not ${status}`);
    this.status = status;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string, id: string): AppError => new AppError('not_found', 404, `${what} ${id} was not found`);

export const invalidField = (path: string, message: string): AppError =>
  new AppError('validation_failed', 400, 'The request has invalid fields', {
    errors: [{ path, message, code: 'invalid' }],
  });
