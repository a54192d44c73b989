import type { RequestHandler } from 'express';

/**
 * Middlewares run in order as one layer of Express's router. Each but the last must call `next` before
 * it returns (they only set headers and listeners); the last may call it later (a body parser). Every
 * request passes every one of them, and a router layer costs about as much as their own work.
 */
export function oneLayer(...handlers: [...RequestHandler[], RequestHandler]): RequestHandler {
  const first = handlers.slice(0, -1);
  const last = handlers[handlers.length - 1] as RequestHandler;
  // One `next` for every request, not one made per request: the middlewares before the last call it
  // before they return, so no two requests' calls can interleave between a reset and its check.
  let called = false;
  let failure: unknown;
  const step = (error?: unknown) => {
    called = true;
    failure = error;
  };
  return (req, res, next) => {
    for (const handler of first) {
      called = false;
      failure = undefined;
      void handler(req, res, step);
      if (!called) throw new Error('A middleware of the first layer did not call next before returning');
      if (failure) {
        next(failure);
        return;
      }
    }
    return last(req, res, next);
  };
}
