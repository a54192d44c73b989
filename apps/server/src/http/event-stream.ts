import { ProblemSchema } from '@agent-fleet/contracts';
import { AppError } from '@agent-fleet/core';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { problemOf } from './problem.js';

/** The events a stream route may send, by event name; each event's `data` is its schema's JSON. */
export type StreamEvents = Record<string, z.ZodType>;

/** Where a stream route writes its events. */
export interface EventSink<E extends StreamEvents> {
  /**
   * Sends one event. Its `id:` counts from 1 within the response, unless the route gives the event's
   * own increasing id (a run event's sequence number), which a client resumes from with `Last-Event-ID`.
   */
  send<K extends keyof E & string>(event: K, data: z.input<E[K]>, id?: number): void;
}

/**
 * The event that ends a stream whose work failed after the first event went out (the status line is
 * gone by then): the failure as problem+json. The helper sends it; no route may declare the name.
 */
export const STREAM_ERROR_EVENT = 'error';

/** Whether the client asked for server-sent events rather than JSON. */
export const wantsEventStream = (req: Request): boolean =>
  req.accepts(['application/json', 'text/event-stream']) === 'text/event-stream';

/**
 * Answers with server-sent events. Headers go out with the first event, so an error thrown before it
 * still becomes a normal problem+json reply. An error thrown after it is logged and ends the stream
 * with an `error` event. Every event carries an `id:`: counting from 1 within the response, or the
 * event's own id where the route can resume from it (see `EventSink.send`).
 */
export async function writeEventStream(
  req: Request,
  res: Response,
  run: (events: EventSink<StreamEvents>) => Promise<void>,
): Promise<void> {
  let lastId = 0;
  let started = false;
  const send = (event: string, data: unknown, id?: number) => {
    if (!started) {
      started = true;
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache, no-transform');
      // Proxies such as nginx must pass each event on at once.
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
    }
    lastId = id ?? lastId + 1;
    if (!res.writableEnded) res.write(`id: ${lastId}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  try {
    await run({ send });
  } catch (error) {
    if (!started) throw error;
    send(STREAM_ERROR_EVENT, failureAfterStart(req, error));
  }
  res.end();
}

function failureAfterStart(req: Request, error: unknown) {
  if (error instanceof AppError) {
    req.log.warn({ code: error.code }, `stream ended by an error: ${error.message}`);
    return problemOf(req, error.code, error.message, error.errors);
  }
  req.log.error({ err: error }, 'unhandled error after the stream started');
  return problemOf(req, 'internal_error', 'An unexpected error occurred. Quote the request id when reporting it.');
}

/** The OpenAPI schema of a stream: one object per event, `data` being the event's JSON. */
export function eventStreamSchema(events: StreamEvents): z.ZodType {
  const frames = Object.entries({ ...events, [STREAM_ERROR_EVENT]: ProblemSchema }).map(([name, data]) =>
    z.object({ id: z.string(), event: z.literal(name), data }),
  );
  return z.discriminatedUnion('event', frames as unknown as [z.ZodObject, ...z.ZodObject[]]);
}
