import type { RequestHandler } from 'express';

/**
 * `Cache-Control: no-store` on every response unless the code that answers sets its own, set before any
 * handler runs so that errors, 404s and refused bodies carry it too. API answers hold workspace data and
 * tokens, and neither a browser cache nor a shared proxy may keep them. What may be cached says so when
 * it is served: the web UI's files (`static-web.ts`), the docs page's assets; the SSE token stream sends
 * `no-cache, no-transform`.
 */
export function noStoreByDefault(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
