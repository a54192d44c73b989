import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, securityHeaders } from './security-headers.js';

/** The headers a bare app with `middleware` answers, without those Express and Node add anyway. */
async function headersOf(middleware: express.RequestHandler): Promise<Record<string, unknown>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.end();
  });
  const { headers } = await request(app).get('/').expect(200);
  const { date: _date, connection: _connection, 'content-length': _length, ...rest } = headers;
  return rest;
}

describe('securityHeaders', () => {
  it('sets exactly the headers helmet sets, with the same values', async () => {
    const ours = await headersOf(securityHeaders());
    expect(ours).toEqual(await headersOf(helmet(HELMET_OPTIONS)));
    expect(Object.keys(ours)).toEqual(expect.arrayContaining(['content-security-policy', 'x-content-type-options']));
    expect(ours).not.toHaveProperty('strict-transport-security');
    expect(String(ours['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });
});
