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
 * Its status is the code's, from the `ERROR_STATUS` table in contracts: no call site chooses one.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: ErrorStatus<C>;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: C,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code] as ErrorStatus<C>;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string, id: string): AppError => new AppError('not_found', `${what} ${id} was not found`);

export const invalidField = (path: string, message: string): AppError =>
  new AppError('validation_failed', 'The request has invalid fields', {
    errors: [{ path, message, code: 'invalid' }],
  });
