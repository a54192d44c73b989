import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** `Cache-Control: no-transform` forbids changing the encoding (compression's own test). */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;

/**
 * Whether a response may be compressed: a compressible type, and not server-sent events (a
 * compressor buffers its input, and a chat turn's stream must reach the client one event at a time).
 */
function compressible(req: Request, res: Response): boolean {
  const type = res.getHeader('Content-Type');
  if (typeof type !== 'string') return compression.filter(req, res);
  let answer = byType.get(type);
  if (answer === undefined) {
    answer = !type.startsWith('text/event-stream') && compression.filter(req, res);
    if (byType.size < 100) byType.set(type, answer);
  }
  return answer;
}

/** The answer by content type, which is all compression's filter reads: looking a type up costs a parse and a regex. */
const byType = new Map<string, boolean>();

/**
 * Compresses API responses (gzip or brotli as the client accepts) above 1 KiB, with
 * `Vary: Accept-Encoding` on every response that could have been compressed. Responses that already
 * carry a `Content-Encoding` (the precompressed web assets) pass through untouched.
 *
 * A request without `Accept-Encoding` is never compressed (compression's rule), so its response is
 * not wrapped: only the `Vary` is added, when the headers go out. Wrapping every write and listener
 * of a response costs more than answering `/healthz`.
 */
export function responseCompression(): RequestHandler {
  const compress = compression({ threshold: 1024, filter: compressible });
  return (req, res, next) => {
    if (req.headers['accept-encoding'] !== undefined) {
      compress(req, res, next);
      return;
    }
    const writeHead = res.writeHead as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      if (compressible(req, res) && !NO_TRANSFORM.test(String(res.getHeader('Cache-Control') ?? ''))) {
        res.vary('Accept-Encoding');
      }
      return writeHead.apply(res, args);
    }) as Response['writeHead'];
    next();
  };
}
