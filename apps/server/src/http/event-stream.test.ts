import { AppError } from '@agent-fleet/core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventSink } from './event-stream.js';
import { defineRoute, type Route } from './route.js';
import { appOf } from './routes.test-support.js';

const twoTicks = async (_context: unknown, sink: EventSink<{ tick: z.ZodObject<{ n: z.ZodInt }> }>) => {
  sink.send('tick', { n: 1 });
  sink.send('tick', { n: 2 });
};

/** A stream route whose stream runs `handler` (by default: two ticks). */
function streamRoute(handler = twoTicks, events: Record<string, z.ZodType> = { tick: z.object({ n: z.int() }) }): Route {
  return defineRoute({
    method: 'get',
    path: '/api/v1/ticks',
    operationId: 'ticks',
    summary: 'Ticks',
    tags: ['Test'],
    permission: 'authenticated',
    responses: { 200: { description: 'The ticks', schema: z.object({ ticks: z.int() }) } },
    handler: async () => ({ status: 200, body: { ticks: 2 } }),
    stream: {
      description: 'Two ticks.',
      events,
      handler,
    },
  });
}

const appWith = (route: Route) => appOf([route]);

interface Frame {
  id: string | undefined;
  event: string | undefined;
  data: unknown;
}

const framesOf = (text: string): Frame[] =>
  text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => ({
      id: /^id: (.*)$/m.exec(frame)?.[1],
      event: /^event: (.*)$/m.exec(frame)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null') as unknown,
    }));

const getStream = (app: ReturnType<typeof appWith>['app']) =>
  request(app).get('/api/v1/ticks').set('Authorization', 'Bearer x').set('Accept', 'text/event-stream');

describe('stream routes', () => {
  it('answer JSON unless the client asks for text/event-stream', async () => {
    const { app } = appWith(streamRoute());
    const json = await request(app).get('/api/v1/ticks').set('Authorization', 'Bearer x').expect(200);
    expect(json.body).toEqual({ ticks: 2 });
    const stream = await getStream(app).expect(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(framesOf(stream.text).map((frame) => frame.event)).toEqual(['tick', 'tick']);
  });

  it('number every event from 1, and start afresh for a client that sends Last-Event-ID', async () => {
    const { app } = appWith(streamRoute());
    const first = framesOf((await getStream(app)).text);
    expect(first.map((frame) => frame.id)).toEqual(['1', '2']);
    const again = framesOf((await getStream(app).set('Last-Event-ID', '1')).text);
    expect(again).toEqual(first);
  });

  it('log an unexpected error after the stream started and end it with an error event', async () => {
    const { app, logs } = appWith(
      streamRoute(async (context, sink) => {
        await twoTicks(context, sink);
        throw new Error('disk on fire');
      }),
    );
    const res = await getStream(app).expect(200);
    const frames = framesOf(res.text);
    expect(frames.map((frame) => [frame.id, frame.event])).toEqual([
      ['1', 'tick'],
      ['2', 'tick'],
      ['3', 'error'],
    ]);
    const problem = frames[2]?.data as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 500, code: 'internal_error', instance: '/api/v1/ticks' });
    expect(JSON.stringify(problem)).not.toContain('disk on fire');
    const logged = logs.find((line) => line['msg'] === 'unhandled error after the stream started');
    expect(logged).toMatchObject({ level: 50, requestId: problem['requestId'], err: { message: 'disk on fire' } });
  });

  it('end a stream with the code of an AppError thrown after it started', async () => {
    const { app, logs } = appWith(
      streamRoute(async (context, sink) => {
        await twoTicks(context, sink);
        throw new AppError('provider_error', 'Every model failed');
      }),
    );
    const frames = framesOf((await getStream(app)).text);
    expect(frames.at(-1)).toMatchObject({
      event: 'error',
      data: { status: 424, code: 'provider_error', detail: 'Every model failed' },
    });
    expect(logs.some((line) => line['level'] === 40 && line['code'] === 'provider_error')).toBe(true);
  });

  it('answer a failure before the first event as problem+json', async () => {
    const { app } = appWith(streamRoute(() => Promise.reject(new AppError('not_found', 'Gone'))));
    const res = await getStream(app).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('not_found');
  });

  it('refuse a route that declares the helper’s own error event', () => {
    expect(() => appWith(streamRoute(undefined, { error: z.object({}) }))).toThrow(/declares the event "error"/);
  });
});
