import { ChatEventSchema, type ChatEvent } from '@agent-fleet/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from '../test/auth-fixture';
import { chunkedBody, controlledEventStream, eventStreamResponse, sseFrame } from '../test/event-stream';
import { json, mockFetch, problem } from '../test/mock-fetch';
import { ApiError } from './api-error';
import { authClient } from './auth-client';
import { readEventStream, streamEvents, type InvalidFrame } from './event-stream';

afterEach(() => {
  vi.unstubAllGlobals();
});

const delta = (text: string): ChatEvent => ({ type: 'text.delta', delta: text });

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const event of events) items.push(event);
  return items;
}

describe('readEventStream', () => {
  it('yields whole frames however the bytes are split, multi-byte characters included', async () => {
    const bytes = new TextEncoder().encode(sseFrame(delta('Grüße')) + sseFrame(delta(' ✓')));
    // Split inside "ü" (two bytes), inside the blank line that ends the first frame, and mid-field.
    const umlaut = bytes.indexOf(0xc3) + 1;
    const cuts = [3, umlaut, bytes.indexOf(10, umlaut) + 1, bytes.length - 4];
    const chunks = [0, ...cuts].map((start, index) => bytes.slice(start, [...cuts, bytes.length][index]));

    const events = await collect(readEventStream(chunkedBody(chunks), { schema: ChatEventSchema }));
    expect(events).toEqual([delta('Grüße'), delta(' ✓')]);
  });

  it('skips frames that are not JSON or not a known event, reports them and keeps reading', async () => {
    const invalid: InvalidFrame[] = [];
    const body = chunkedBody([
      sseFrame(delta('a')),
      'event: text.delta\ndata: {not json\n\n',
      sseFrame({ type: 'text.delta' }),
      sseFrame({ type: 'from.the.future' }),
      ': a comment line\n\n',
      sseFrame(delta('b')),
    ]);

    const events = await collect(
      readEventStream(body, { schema: ChatEventSchema, onInvalidFrame: (frame) => invalid.push(frame) }),
    );
    expect(events).toEqual([delta('a'), delta('b')]);
    expect(invalid.map((frame) => [frame.event, frame.reason])).toEqual([
      ['text.delta', 'invalid_json'],
      ['text.delta', 'invalid_event'],
      ['from.the.future', 'invalid_event'],
    ]);
  });

  it('ends with the ApiError of an error event the server sent after the work failed mid-stream', async () => {
    const problemFrame = `event: error\ndata: ${JSON.stringify({
      type: 'urn:agent-fleet:problem:internal_error',
      title: 'Internal error',
      status: 500,
      code: 'internal_error',
      detail: 'An unexpected error occurred.',
      requestId: 'req-1',
    })}\n\n`;
    const body = chunkedBody([sseFrame(delta('partial')), problemFrame, sseFrame(delta('never'))]);
    const seen: ChatEvent[] = [];
    const failure = await (async () => {
      for await (const event of readEventStream(body, { schema: ChatEventSchema })) seen.push(event);
    })().catch((error: unknown) => error);

    expect(seen).toEqual([delta('partial')]);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 500,
      code: 'internal_error',
      detail: 'An unexpected error occurred.',
      requestId: 'req-1',
    });
  });

  it('drops a trailing frame the connection cut off before its blank line', async () => {
    const body = chunkedBody([sseFrame(delta('complete')), 'event: text.delta\ndata: {"type":"text.delta","delta":"cut"}']);
    expect(await collect(readEventStream(body, { schema: ChatEventSchema }))).toEqual([delta('complete')]);
  });

  it('stops with the abort reason and cancels the body when the signal aborts mid-stream', async () => {
    const stream = controlledEventStream();
    const controller = new AbortController();
    const response = stream.response();
    if (!response.body) throw new Error('no body');
    const events = readEventStream(response.body, { schema: ChatEventSchema, signal: controller.signal });

    stream.send(delta('first'));
    expect((await events.next()).value).toEqual(delta('first'));
    const pending = events.next();
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(stream.cancelled).toBe(true);
  });
});

describe('streamEvents', () => {
  it('POSTs JSON asking for an event stream, with the token and workspace, and yields the events', async () => {
    const { requests } = mockFetch(() => eventStreamResponse([delta('Hi'), delta('!')]));
    authClient.setSession(makeSession({ accessToken: 'tok' }));
    authClient.setWorkspace('ws-1');

    const events = await collect(
      streamEvents('/api/v1/conversations/c1/messages', { schema: ChatEventSchema, body: { content: 'Hello' } }),
    );

    expect(events).toEqual([delta('Hi'), delta('!')]);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.body).toEqual({ content: 'Hello' });
    expect(requests[0]?.headers.get('accept')).toMatch(/^text\/event-stream/);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok');
    expect(requests[0]?.headers.get('x-workspace-id')).toBe('ws-1');
  });

  it('renews an expired token once and sends the stream request again', async () => {
    const { requests } = mockFetch((request) => {
      if (request.url.pathname === '/api/v1/auth/refresh') return json(makeSession({ accessToken: 'fresh' }));
      return request.headers.get('authorization') === 'Bearer fresh'
        ? eventStreamResponse([delta('ok')])
        : problem({ title: 'Authentication required', code: 'unauthorized' }, 401);
    });
    authClient.setSession(makeSession({ accessToken: 'stale' }));

    const events = await collect(
      streamEvents('/api/v1/conversations/c1/messages', { schema: ChatEventSchema, body: { content: 'x' } }),
    );
    expect(events).toEqual([delta('ok')]);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer stale', null, 'Bearer fresh']);
  });

  it('rejects with the ApiError of a problem+json reply before any event', async () => {
    mockFetch(() => problem({ title: 'Conversation busy', code: 'conversation_busy', detail: 'A turn is already running' }, 409));
    const error = await collect(streamEvents('/api/v1/conversations/c1/messages', { schema: ChatEventSchema })).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conversation_busy', detail: 'A turn is already running' });
  });

  it('refuses a successful reply that is not an event stream', async () => {
    mockFetch(() => json({ userMessage: {}, message: {}, task: {} }));
    await expect(collect(streamEvents('/api/v1/conversations/c1/messages', { schema: ChatEventSchema }))).rejects.toMatchObject({
      code: 'unexpected_response',
    });
  });
});
