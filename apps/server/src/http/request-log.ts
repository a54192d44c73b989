import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestId } from './request-id.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request id (`X-Request-Id`), set by `requestLog`. */
    id: string;
    /** A logger whose lines carry the request's method, URL and id, set by `requestLog`. */
    log: Logger;
  }
}

/** Orchestrators probe health every few seconds; those lines would drown the useful ones. */
const UNLOGGED_PATHS = new Set(['/healthz', '/readyz']);

/** What a request's log lines say about it; kept on the request for `req.log`. */
const LINE = Symbol('request-log.line');
/** The request's child logger, once made. */
const CHILD = Symbol('request-log.child');
/** When the request arrived, and whether its line is written. */
const STARTED_AT = Symbol('request-log.started-at');
const LOGGED = Symbol('request-log.logged');

interface LoggedRequest extends IncomingMessage {
  [LINE]: { req: { method: string | undefined; url: string }; requestId: string };
  [CHILD]?: Logger;
  [STARTED_AT]: number;
  [LOGGED]?: boolean;
}

/**
 * Gives every request its id (`X-Request-Id`) and `req.log`, and writes one line when the response
 * ends: method, URL, `requestId`, status and `responseTime` in ms; info below 400, warn for 4xx,
 * error for 5xx (with an `err`) and for a response that failed. `req.log`, a child logger bound to
 * the request, is made only when something logs through it (errors mostly), because making one
 * costs more than most requests' own work. It is a getter on the app's request prototype (Express
 * gives each app its own), defined once: defining it on each request turned every request object
 * into a slow dictionary, a quarter of what a cached answer allocated. For the same reason the
 * request's state lives in symbol-keyed fields read by listeners made once, not in closures made
 * per request.
 */
export function requestLog(logger: Logger): RequestHandler {
  const prototypes = new WeakSet<object>();
  function finished(res: ServerResponse, error?: Error): void {
    const req = res.req as LoggedRequest;
    if (req[LOGGED]) return;
    req[LOGGED] = true;
    const { statusCode } = res;
    const { req: request, requestId: id } = req[LINE];
    const failure = error ?? (statusCode >= 500 ? new Error(`failed with status code ${statusCode}`) : undefined);
    const line = { req: request, requestId: id, res: { statusCode }, responseTime: Date.now() - req[STARTED_AT] };
    if (failure) logger.error({ ...line, err: failure }, 'request errored');
    else if (statusCode >= 400) logger.warn(line, message(req.readableAborted, res.writableEnded));
    else logger.info(line, message(req.readableAborted, res.writableEnded));
  }
  function onError(this: ServerResponse, error: Error): void {
    finished(this, error);
  }
  function onClose(this: ServerResponse): void {
    finished(this);
  }
  return (req, res, next) => {
    const logged = req as unknown as LoggedRequest;
    logged[STARTED_AT] = Date.now();
    const id = requestId(req, res);
    const prototype = Object.getPrototypeOf(req) as object;
    if (!prototypes.has(prototype)) {
      prototypes.add(prototype);
      Object.defineProperty(prototype, 'log', {
        configurable: true,
        enumerable: true,
        get(this: LoggedRequest) {
          return (this[CHILD] ??= this[LINE] ? logger.child(this[LINE]) : logger);
        },
      });
    }
    req.id = id;
    logged[LINE] = { req: { method: req.method, url: req.url }, requestId: id };
    // A response's 'error' (a write after its end) would throw without a listener: it is logged instead.
    res.on('error', onError);
    if (!UNLOGGED_PATHS.has(req.url)) res.on('close', onClose);
    next();
  };
}

const message = (readableAborted: boolean, writableEnded: boolean) =>
  !readableAborted && writableEnded ? 'request completed' : 'request aborted';
