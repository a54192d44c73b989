import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface LoopbackRecorder {
  url: string;
  requests: RecordedRequest[];
  /** How the next requests to `path` are answered, in order; then 200 `{"ok":true}`. */
  script(path: string, responses: { status: number; body?: unknown; delayMs?: number }[]): void;
  /** Requests to `path` wait until the returned function is called. */
  hold(path: string): () => void;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records every request (the side effects a crash test counts). */
export async function startLoopbackRecorder(): Promise<LoopbackRecorder> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, { status: number; body?: unknown; delayMs?: number }[]>();
  const held = new Map<string, Promise<void>>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({
        method: request.method ?? 'GET',
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const next = scripts.get(path.split('?')[0] ?? path)?.shift() ?? { status: 200, body: { ok: true, path } };
      const answer = () => {
        response.writeHead(next.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(next.body ?? { status: next.status }));
      };
      const gate = held.get(path.split('?')[0] ?? path) ?? Promise.resolve();
      void gate.then(() => {
        if (next.delayMs) setTimeout(answer, next.delayMs);
        else answer();
      });
    });
  });
  // Longer than any client keeps an idle connection, so a reused connection is never closed under a request.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, responses) => scripts.set(path, [...responses]),
    hold: (path) => {
      let release: () => void = () => undefined;
      held.set(path, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
