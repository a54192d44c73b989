import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Compresses API responses (gzip or brotli as the client accepts) above 1 KiB.
 * Server-sent events are never compressed: a compressor buffers its input, and a chat turn's
 * stream must reach the client one event at a time. Responses that already carry a
 * `Content-Encoding` (the precompressed web assets) pass through untouched.
 */
export function responseCompression(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
}
