import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Properties of database errors that hold the values of a query: Drizzle's `params`, PGlite's `params`,
 * node-postgres' `parameters`, PostgreSQL's `where` (PL/pgSQL context with values) and `internalQuery`.
 * They never reach a log line.
 */
const VALUE_PROPERTIES = new Set(['params', 'parameters', 'values', 'bindings', 'where', 'internalQuery', 'queryParams']);
/** Set by the serializer itself, so an error already redacted passes through unchanged. */
const REDACTED = Symbol.for('agent-fleet.redacted-error');
const MAX_CAUSES = 8;
const MAX_DEPTH = 4;
/** Shorter parameter values are not scrubbed from text: replacing every "1" or "t" would garble stack traces. */
const MIN_SCRUBBED_LENGTH = 4;

type ErrorLike = { message: string; stack?: unknown; name?: unknown; cause?: unknown } & Record<string, unknown>;

const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

/** pino's standard error serializers hand on an already serialized error that keeps the original under `raw`. */
const original = (error: ErrorLike): ErrorLike => (isErrorLike(error.raw) ? error.raw : error);

function causeChain(error: ErrorLike): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let current: unknown = error; isErrorLike(current) && chain.length < MAX_CAUSES; current = current.cause) {
    const next = original(current);
    if (chain.includes(next)) break;
    chain.push(next);
  }
  return chain;
}

/** Every query parameter value the chain carries, as text, longest first (so no value is half-replaced). */
function parameterValues(chain: ErrorLike[]): string[] {
  const values = new Set<string>();
  for (const error of chain) {
    for (const key of ['params', 'parameters', 'values', 'bindings', 'queryParams']) {
      const list = error[key];
      if (!Array.isArray(list)) continue;
      for (const value of list as unknown[]) {
        if (value === null || value === undefined) continue;
        let text: string;
        try {
          text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
        } catch {
          continue;
        }
        if (text.length >= MIN_SCRUBBED_LENGTH) values.add(text);
      }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * PostgreSQL's `detail` repeats row values: `Key (email)=(x@y) already exists.`, `Failing row contains (…)`.
 * The column names stay, the values go.
 */
function redactDetail(detail: string): string {
  const key =
    /^Key \((.*?)\)=\(.*\) ((?:already exists|is not present in table "[^"]*"|is still referenced from table "[^"]*")\.?)$/s.exec(
      detail,
    );
  if (key) return `Key (${key[1]})=([redacted]) ${key[2]}`;
  return '[redacted]';
}

function redactText(text: string, values: readonly string[], error: ErrorLike): string {
  let result = text;
  // Drizzle's DrizzleQueryError message is `Failed query: <sql>\nparams: <values joined by ",">`.
  if (Array.isArray(error.params))
    result = result.split(`\nparams: ${String(error.params as unknown[])}`).join('\nparams: [redacted]');
  result = result.replace(/\nparams: [^\n]*/g, '\nparams: [redacted]');
  for (const value of values) result = result.split(value).join('[redacted]');
  return result;
}

function redactValue(value: unknown, values: readonly string[], error: ErrorLike, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, values, error);
  if (typeof value !== 'object' || value === null) return value;
  if (isErrorLike(value)) return depth < MAX_DEPTH ? redactError(value, depth + 1) : '[error]';
  if (depth >= MAX_DEPTH) return '[object]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, values, error, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactValue(item, values, error, depth + 1)] as const),
  );
}

/**
 * The error serializer of every logger: an error as a plain object (type, message, stack, its own
 * properties, and its cause) from which query parameter values are gone by construction. Properties that
 * hold values are dropped, PostgreSQL's `detail` keeps only column names, and every value the error chain
 * carries as a parameter is cut out of its messages, stacks and remaining properties (Drizzle and PGlite
 * put the parameters into the message; PostgreSQL quotes a bad value in it: `invalid input syntax for type
 * uuid: "…"`).
 */
export function redactError(value: unknown, depth = 0): unknown {
  if (!isErrorLike(value)) return value;
  if ((value as Record<symbol, unknown>)[REDACTED]) return value;
  const error = original(value);
  const chain = causeChain(error);
  const values = parameterValues(chain);
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  const type =
    typeof constructorName === 'string' && constructorName !== 'Object' ? constructorName : String(error.name ?? 'Error');

  // A null prototype: pino-std-serializers then takes `type` from `name` when it serializes this again.
  const redacted = Object.create(null) as Record<string | symbol, unknown>;
  redacted.type = type;
  redacted.name = type;
  redacted.message = redactText(error.message, values, error);
  if (typeof error.stack === 'string') redacted.stack = redactText(error.stack, values, error);
  for (const [key, property] of Object.entries(error)) {
    if (key in redacted || key === 'cause' || key === 'raw' || VALUE_PROPERTIES.has(key)) continue;
    redacted[key] =
      key === 'detail' && typeof property === 'string' ? redactDetail(property) : redactValue(property, values, error, depth);
  }
  const cause = chain[1];
  if (cause && depth < MAX_DEPTH) {
    // The cause is redacted with this error's parameters too: a driver error rarely carries them itself.
    const redactedCause = redactError(cause, depth + 1) as Record<string, unknown>;
    for (const key of ['message', 'stack'] as const) {
      if (typeof redactedCause[key] === 'string') redactedCause[key] = redactText(redactedCause[key], values, error);
    }
    redacted.cause = redactedCause;
  }
  Object.defineProperty(redacted, REDACTED, { value: true, enumerable: false });
  return redacted;
}

/** Replaces every error anywhere in a log object (not only under `err`) with its redacted form. */
function redactErrorsIn(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let result: Record<string, unknown> | undefined;
  // A key loop, not `Object.entries`: every request's log line passes here twice, and most hold no error.
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key];
    let replaced: unknown = value;
    if (isErrorLike(value)) replaced = redactError(value);
    else if (
      depth < 2 &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.getPrototypeOf(value) === Object.prototype
    ) {
      replaced = redactErrorsIn(value as Record<string, unknown>, depth + 1);
    }
    if (replaced !== value) (result ??= { ...object })[key] = replaced;
  }
  return result ?? object;
}

/**
 * The one way to build a logger (the server's and the tests'): errors are redacted wherever they appear in
 * a log call, including `logger.error(err)` and the request logger's lines (`http/request-log.ts`).
 */
export function createLogger(options: { LOG_LEVEL: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.LOG_LEVEL,
      base: { service: 'agent-fleet' },
      serializers: { err: redactError },
      formatters: { log: (object) => redactErrorsIn(object) },
      hooks: {
        // `logger.error(err)` makes the error's message the log message: redact it before pino does.
        logMethod(args, method) {
          const first = args[0] as unknown;
          if (isErrorLike(first)) {
            const rest = args.slice(1);
            const redacted = redactError(first) as { message: string };
            const message = typeof rest[0] === 'string' ? rest : [redacted.message, ...rest];
            return method.apply(this, [{ err: redacted }, ...message] as Parameters<typeof method>);
          }
          // pino also makes `err.message` the log message when none is given: redact before it looks.
          // `args` is this call's own array (pino's rest parameter), so it is changed in place.
          if (typeof first === 'object' && first !== null) {
            (args as unknown[])[0] = redactErrorsIn(first as Record<string, unknown>);
          }
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}
