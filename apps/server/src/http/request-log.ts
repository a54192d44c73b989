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

/**
 * Gives every request its id (`X-Request-Id`) and `req.log`, and writes one line when the response
 * ends: method, URL, `requestId`, status and `responseTime` in ms; info below 400, warn for 4xx,
 * error for 5xx (with an `err`) and for a response that failed. `req.log`, a child logger bound to
 * the request, is made only when something logs through it (errors mostly), because making one
 * costs more than most requests' own work.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const startedAt = Date.now();
    const id = requestId(req, res);
    const request = { method: req.method, url: req.url };
    let child: Logger | undefined;
    req.id = id;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: true,
      get: () => (child ??= logger.child({ req: request, requestId: id })),
    });
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
