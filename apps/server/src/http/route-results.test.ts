import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, type Route, type RouteResult } from './route.js';
import { appOf } from './routes.test-support.js';

const ThingSchema = z.object({ id: z.string(), size: z.int() });
const thing = { id: 't1', size: 3 };

/** A route declaring 200 with a Thing and 204 without a body, answering `reply`. */
function thingRoute(reply: () => unknown): Route {
  return defineRoute({
    method: 'get',
    path: '/api/v1/thing',
    operationId: 'getThing',
    summary: 'A thing',
    tags: ['Test'],
    permission: 'authenticated',
    responses: { 200: { description: 'The thing', schema: ThingSchema }, 204: { description: 'Nothing' } },
    handler: async () => reply() as RouteResult<{ 200: { description: string; schema: typeof ThingSchema } }>,
  });
}

const get = (app: ReturnType<typeof appOf>['app']) => request(app).get('/api/v1/thing').set('Authorization', 'Bearer x');

describe('route results', () => {
  it('are the declared responses, checked by the compiler', () => {
    const responses = { 200: { description: 'The thing', schema: ThingSchema }, 204: { description: 'Gone' } };
    const route = (handler: () => Promise<RouteResult<typeof responses>>) =>
      defineRoute({
        method: 'get',
        path: '/x',
        operationId: 'x',
        summary: 'x',
        tags: [],
        permission: 'authenticated',
        responses,
        handler,
      });
    expect(route(async () => ({ status: 200, body: thing }))).toBeTruthy();
    expect(route(async () => ({ status: 204 }))).toBeTruthy();
    // @ts-expect-error 201 is not a declared response
    route(async () => ({ status: 201, body: thing }));
    // @ts-expect-error the body lacks `size`
    route(async () => ({ status: 200, body: { id: 't1' } }));
    // @ts-expect-error `size` is not a number
    route(async () => ({ status: 200, body: { id: 't1', size: 'big' } }));
    // @ts-expect-error a 204 has no body
    route(async () => ({ status: 204, body: thing }));
  });

  it('go out through their schema', async () => {
    const { app } = appOf([thingRoute(() => ({ status: 200, body: thing }))]);
    expect((await get(app).expect(200)).body).toEqual(thing);
  });

  it('refuse an undeclared field under test, naming it, and log the bug', async () => {
    const leaky = { status: 200, body: { ...thing, passwordHash: 'x', nested: { a: 1 } } };
    const { app, logs } = appOf([thingRoute(() => leaky)], { strictResponses: true });
    const res = await get(app).expect(500);
    expect(res.text).not.toContain('passwordHash');
    const logged = logs.find((line) => line['msg'] === 'unhandled error');
    expect(JSON.stringify(logged)).toContain('fields its schema does not declare: passwordHash, nested');
  });

  it('drop undeclared fields in production', async () => {
    const leaky = { status: 200, body: { ...thing, passwordHash: 'x' } };
    const { app } = appOf([thingRoute(() => leaky)], { strictResponses: false });
    expect((await get(app).expect(200)).body).toEqual(thing);
  });

  it('refuse a body its schema does not take, and a status the route does not declare', async () => {
    for (const reply of [
      { status: 200, body: { id: 't1' } },
      { status: 201, body: thing },
    ]) {
      const { app } = appOf([thingRoute(() => reply)], { strictResponses: false });
      expect((await get(app).expect(500)).body.code).toBe('internal_error');
    }
  });

  it('send no body for a response without a schema', async () => {
    const { app } = appOf([thingRoute(() => ({ status: 204 }))]);
    expect((await get(app).expect(204)).text).toBe('');
  });
});
