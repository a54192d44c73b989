import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { recordResponses } from './openapi-conformance.test-support.js';

/** A tiny app that serves its own document, declaring `{ id }` for GET /x. */
function appSending(body: unknown, status = 200) {
  const app = express();
  app.get('/api/openapi.json', (_req, res) => {
    res.json({
      openapi: '3.1.0',
      paths: {
        '/x/{id}': {
          get: {
            responses: {
              '200': {
                content: {
                  'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
                },
              },
            },
          },
        },
      },
      components: { schemas: { Problem: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } } },
    });
  });
  app.get('/x/:id', (_req, res) => {
    res.status(status).json(body);
  });
  return app;
}

async function violationsOf(body: unknown, status?: number): Promise<string[]> {
  const recorder = recordResponses(appSending(body, status));
  await request(recorder.handler).get('/x/1');
  return recorder.violations();
}

describe('the OpenAPI conformance check of test apps', () => {
  it('passes a body that matches the declared schema', async () => {
    expect(await violationsOf({ id: 'a' })).toEqual([]);
  });

  it('catches a leaked field, a missing field and a wrong type', async () => {
    expect((await violationsOf({ id: 'a', passwordHash: 'x' })).join()).toMatch(/GET \/x\/:id → 200: .*additional properties/);
    expect((await violationsOf({})).join()).toMatch(/must have required property 'id'/);
    expect((await violationsOf({ id: 7 })).join()).toMatch(/\/id must be string/);
  });

  it('checks undeclared errors against the problem schema and refuses undeclared successes', async () => {
    expect(await violationsOf({ code: 'not_found' }, 404)).toEqual([]);
    expect((await violationsOf({ message: 'no code' }, 404)).join()).toMatch(/required property 'code'/);
    expect((await violationsOf({ id: 'a' }, 201)).join()).toMatch(/201: the status is not declared/);
  });
});
