import type { RequestHandler } from 'express';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { oneLayer } from './one-layer.js';

/** A middleware that records its name in a header and calls `next` at once. */
const named =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.append('X-Ran', name);
    next();
  };

function appWith(layer: RequestHandler) {
  const app = express();
  app.use(layer);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(((error, _req, res, _next) => {
    res.status(418).json({ error: (error as Error).message });
  }) as express.ErrorRequestHandler);
  return app;
}

describe('oneLayer', () => {
  it('runs its middlewares in order, the last one calling next when it is done', async () => {
    const later: RequestHandler = (_req, res, next) => {
      setTimeout(() => {
        res.append('X-Ran', 'later');
        next();
      }, 1);
    };
    const res = await request(appWith(oneLayer(named('a'), named('b'), later)))
      .get('/')
      .expect(200);
    expect(res.headers['x-ran']).toBe('a, b, later');
  });

  it('stops at a middleware that fails and hands its error on', async () => {
    const failing: RequestHandler = (_req, _res, next) => next(new Error('refused'));
    const res = await request(appWith(oneLayer(named('a'), failing, named('c'))))
      .get('/')
      .expect(418);
    expect(res.body).toEqual({ error: 'refused' });
    expect(res.headers['x-ran']).toBe('a');
  });

  it('fails a request whose middleware returned before calling next', async () => {
    const late: RequestHandler = (_req, _res, next) => void setTimeout(next, 1);
    const res = await request(appWith(oneLayer(late, named('b'))))
      .get('/')
      .expect(418);
    expect(res.body.error).toMatch(/did not call next/);
  });
});
