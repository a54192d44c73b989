import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support.js';
import { responseCompression } from './compression.js';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
let dist: string;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'af-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  writeFileSync(join(dist, 'assets/index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, 'assets/index-abc123.js.map'), '{"version":3}');
  writeFileSync(join(dist, '.vite/manifest.json'), '{}');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the web UI', () => {
  // Read-only requests: one app serves the whole block.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t.close().catch(() => undefined);
  });

  it('serves the brotli sibling of a hashed asset, immutable, varying on Accept-Encoding', async () => {
    const res = await request(t.app)
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip, br')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((res.body as Buffer).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gzip = await request(t.app).get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(SCRIPT);
    const plain = await request(t.app).get('/assets/index-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('serves the app shell for client routes with no-cache', async () => {
    for (const path of ['/', '/agents/123', '/index.html']) {
      const res = await request(t.app).get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('does not serve source maps, build metadata or missing assets', async () => {
    for (const path of ['/assets/index-abc123.js.map', '/assets/gone-123.js', '/assets/%FF']) {
      const res = await request(t.app).get(path).set('Accept', '*/*');
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const manifest = await request(t.app).get('/.vite/manifest.json').set('Accept', '*/*');
    expect(manifest.text).not.toBe('{}');
  });

  it('compresses API JSON for clients that accept it', async () => {
    const res = await request(t.app).get('/api/openapi.json').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body).toHaveProperty('openapi');
  });
});

describe('response compression', () => {
  it('passes each server-sent event on at once, uncompressed', async () => {
    // The handler writes the second event only after the client has read the first: a buffering
    // compressor would hold the first back and the test would time out.
    let firstSeen!: () => void;
    const seen = new Promise<void>((resolve) => (firstSeen = resolve));
    const app = express();
    app.use(responseCompression());
    app.get('/events', async (_req, res) => {
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.flushHeaders();
      res.write(`event: a\ndata: ${'1'.repeat(2000)}\n\n`);
      await seen;
      res.end('event: b\ndata: 2\n\n');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await new Promise<IncomingMessage>((resolve, reject) =>
        httpRequest({ host: '127.0.0.1', port, path: '/events', headers: { 'Accept-Encoding': 'gzip, br' } }, resolve)
          .on('error', reject)
          .end(),
      );
      expect(response.headers['content-encoding']).toBeUndefined();
      let text = '';
      for await (const chunk of response) {
        text += (chunk as Buffer).toString();
        if (text.includes('event: a') && text.endsWith('\n\n') && !text.includes('event: b')) firstSeen();
      }
      expect(text).toContain('event: b');
    } finally {
      server.close();
    }
  });
});
