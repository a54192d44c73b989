import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from './http-server.js';

/** Requests Node refuses before the app sees them still get a problem+json answer with a stable code. */
let server: Server;

beforeAll(async () => {
  server = createHttpServer((_req, res) => res.end('ok'), {
    headersTimeoutMs: 5_000,
    requestTimeoutMs: 10_000,
    keepAliveTimeoutMs: 1_000,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function raw(request: string): Promise<{ head: string; body: unknown }> {
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.end(request);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  await once(socket, 'close');
  const [head = '', body = ''] = received.split('\r\n\r\n');
  return { head, body: JSON.parse(body) as unknown };
}

describe('requests Node cannot parse', () => {
  it('answers a URL past the header limit with 431 headers_too_large as problem+json', async () => {
    const { head, body } = await raw(`GET /api/v1/agents?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/Content-Type: application\/problem\+json/);
    expect(body).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('answers a malformed request line with 400 malformed_request as problem+json', async () => {
    const { head, body } = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(body).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('still serves a normal request', async () => {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await res.text()).toBe('ok');
  });
});
