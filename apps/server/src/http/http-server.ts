import { createServer, type RequestListener, type Server } from 'node:http';
import { answerClientError } from './client-error.js';

export interface HttpServerOptions {
  /** Time a client has to send the request headers, in ms (`HTTP_HEADERS_TIMEOUT_MS`). */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, in ms (`HTTP_REQUEST_TIMEOUT_MS`); at least `headersTimeoutMs`. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, in ms (`HTTP_KEEP_ALIVE_TIMEOUT_MS`). */
  keepAliveTimeoutMs: number;
}

/**
 * The HTTP server with timeouts that bound what one client can hold: a client that trickles its headers
 * (slowloris) or its body is answered 408 and disconnected. Node enforces both timeouts from a periodic
 * sweep (every 30 s by default), which would let a slow client stay up to 30 s past its limit; the sweep
 * here runs at least every second. Responses are not limited: a token stream may last as long as the
 * reply.
 */
export function createHttpServer(listener: RequestListener, options: HttpServerOptions): Server {
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(options.headersTimeoutMs / 4))),
    },
    listener,
  );
  // Requests Node refuses before Express sees them are answered as problem+json too.
  server.on('clientError', answerClientError);
  return server;
}
