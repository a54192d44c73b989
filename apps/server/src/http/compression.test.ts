import { once } from 'node:events';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCompression } from './compression.js';

const big = { items: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `thing ${i}` })) };

let server: Server;
beforeAll(async () => {
  const app = express();
  app.use(responseCompression());
  app.get('/big', (_req, res) => {
    res.json(big);
  });
  app.get('/small', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/no-transform', (_req, res) => {
    res.setHeader('Cache-Control', 'no-transform');
    res.json(big);
  });
  app.get('/image', (_req, res) => {
    res.type('image/png').send(Buffer.alloc(4096));
  });
  app.get('/events', (_req, res) => {
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.flushHeaders();
    res.end(`data: ${'1'.repeat(2000)}\n\n`);
  });
  app.get('/empty', (_req, res) => {
    res.status(204).end();
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(() => {
  server.close();
});

/** A GET with exactly the headers given (no client adds an Accept-Encoding of its own). */
async function get(path: string, headers: Record<string, string> = {}): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    httpRequest({ host: '127.0.0.1', port, path, headers }, resolve).on('error', reject).end(),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { headers: response.headers, body: Buffer.concat(chunks) };
}

describe('response compression', () => {
  it('compresses JSON above 1 KiB for a client that accepts gzip', async () => {
    const res = await get('/big', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(JSON.parse(gunzipSync(res.body).toString('utf8'))).toEqual(big);
  });

  it('sends JSON as it is to a client that names no encoding, still varying on Accept-Encoding', async () => {
    const res = await get('/big');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(JSON.parse(res.body.toString('utf8'))).toEqual(big);
  });

  it('varies on Accept-Encoding exactly where compression would, with or without the header', async () => {
    for (const path of ['/big', '/small', '/no-transform', '/image', '/events', '/empty']) {
      const without = await get(path);
      const identity = await get(path, { 'Accept-Encoding': 'identity' });
      expect(identity.headers['content-encoding'], path).toBeUndefined();
      expect([path, without.headers['vary']]).toEqual([path, identity.headers['vary']]);
    }
    expect((await get('/small')).headers['vary']).toBe('Accept-Encoding');
    expect((await get('/events')).headers['vary']).toBeUndefined();
    expect((await get('/no-transform')).headers['vary']).toBeUndefined();
  });
});
