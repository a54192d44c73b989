import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { captureLogs } from '../test-support.js';
import { requestLog } from './request-log.js';

/** A bare app behind the request logger, and the lines it writes. */
function appWithLog() {
  const { logs, sink } = captureLogs();
  const logger = createLogger({ LOG_LEVEL: 'info' }, sink);
  const child = vi.spyOn(logger, 'child');
  const app = express();
  app.use(requestLog(logger));
  app.get('/things', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/refused', (req, res) => {
    req.log.warn({ code: 'forbidden' }, 'refused');
    res.status(403).end();
  });
  app.get('/broken', (_req, res) => {
    res.status(503).end();
  });
  app.get('/twice', (_req, res) => {
    res.end('done');
    res.write('more');
  });
  // Never answers: the client gives up.
  const slow = vi.fn();
  app.get('/slow', slow);
  return { app, logs, child, slow };
}

describe('the request log', () => {
  it('writes one line per request with its id, method, URL, status and time', async () => {
    const { app, logs } = appWithLog();
    const res = await request(app).get('/things?page=2').set('X-Request-Id', 'trace-1').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-1');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      service: 'agent-fleet',
      requestId: 'trace-1',
      req: { method: 'GET', url: '/things?page=2' },
      res: { statusCode: 200 },
    });
    expect(logs[0]?.['responseTime']).toEqual(expect.any(Number));
  });

  it('logs client errors as warnings and server errors as errors', async () => {
    const { app, logs } = appWithLog();
    await request(app).get('/refused').expect(403);
    await request(app).get('/broken').expect(503);
    const finished = logs.filter((line) => line['msg'] !== 'refused');
    expect(finished.map((line) => [line['level'], line['msg'], (line['res'] as { statusCode: number }).statusCode])).toEqual([
      [40, 'request completed', 403],
      [50, 'request errored', 503],
    ]);
    expect(finished[1]?.['err']).toMatchObject({ message: 'failed with status code 503' });
  });

  it('leaves health probes out, but still gives them an id', async () => {
    const { app, logs } = appWithLog();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs).toEqual([]);
  });

  it('binds req.log to the request, making it only for requests that log through it', async () => {
    const { app, logs, child } = appWithLog();
    await request(app).get('/things').expect(200);
    expect(child).not.toHaveBeenCalled();
    const res = await request(app).get('/refused').expect(403);
    expect(child).toHaveBeenCalledTimes(1);
    expect(logs.find((line) => line['msg'] === 'refused')).toMatchObject({
      level: 40,
      code: 'forbidden',
      requestId: res.headers['x-request-id'],
      req: { method: 'GET', url: '/refused' },
    });
  });

  it('logs a request whose client left before the answer as aborted', async () => {
    const { app, logs, slow } = appWithLog();
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const client = httpRequest({ host: '127.0.0.1', port, path: '/slow' }).on('error', () => undefined);
      client.end();
      await vi.waitFor(() => expect(slow).toHaveBeenCalled());
      client.destroy();
      await vi.waitFor(() => expect(logs).toHaveLength(1));
      expect(logs[0]).toMatchObject({ level: 30, msg: 'request aborted', req: { url: '/slow' } });
    } finally {
      server.close();
    }
  });

  it('logs a response that fails (a write after its end) instead of crashing', async () => {
    const { app, logs } = appWithLog();
    await request(app).get('/twice').expect(200);
    await vi.waitFor(() => expect(logs).toHaveLength(1));
    expect(logs[0]).toMatchObject({ level: 50, msg: 'request errored', err: { code: 'ERR_STREAM_WRITE_AFTER_END' } });
  });
});
