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

interface LoggedRequest {
  [LINE]?: { req: { method: string | undefined; url: string }; requestId: string };
  [CHILD]?: Logger;
}

/**
 * Gives every request its id (`X-Request-Id`) and `req.log`, and writes one line when the response
 * ends: method, URL, `requestId`, status and `responseTime` in ms; info below 400, warn for 4xx,
 * error for 5xx (with an `err`) and for a response that failed. `req.log`, a child logger bound to
 * the request, is made only when something logs through it (errors mostly), because making one
 * costs more than most requests' own work. It is a getter on the app's request prototype (Express
 * gives each app its own), defined once: defining it on each request turned every request object
 * into a slow dictionary, a quarter of what a cached answer allocated.
 */
export function requestLog(logger: Logger): RequestHandler {
  const prototypes = new WeakSet<object>();
  return (req, res, next) => {
    const startedAt = Date.now();
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
    const request = { method: req.method, url: req.url };
    req.id = id;
    (req as LoggedRequest)[LINE] = { req: request, requestId: id };
    let logged = false;
    const finished = (error?: Error) => {
      if (logged) return;
      logged = true;
      const { statusCode } = res;
      const failure = error ?? (statusCode >= 500 ? new Error(`failed with status code ${statusCode}`) : undefined);
      const line = { req: request, requestId: id, res: { statusCode }, responseTime: Date.now() - startedAt };
      if (failure) logger.error({ ...line, err: failure }, 'request errored');
      else if (statusCode >= 400) logger.warn(line, message(req.readableAborted, res.writableEnded));
      else logger.info(line, message(req.readableAborted, res.writableEnded));
    };
    // A response's 'error' (a write after its end) would throw without a listener: it is logged instead.
    res.on('error', finished);
    if (!UNLOGGED_PATHS.has(req.url)) res.once('close', () => finished());
    next();
  };
}

const message = (readableAborted: boolean, writableEnded: boolean) =>
  !readableAborted && writableEnded ? 'request completed' : 'request aborted';
