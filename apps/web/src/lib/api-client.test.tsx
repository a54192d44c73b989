import type { Agent, EndpointBody } from '@agent-fleet/contracts';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../test/mock-fetch';
import { api, apiRequest, buildUrl, type EndpointOptions } from './api-client';
import { ApiError, isStaleVersionError } from './api-error';

afterEach(() => {
  vi.unstubAllGlobals();
});

const rejection = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('apiRequest', () => {
  it('parses a problem+json body into an ApiError with status, code, field errors and request id', async () => {
    mockFetch(() =>
      problem(
        {
          title: 'Request validation failed',
          detail: '2 fields are invalid',
          code: 'validation_failed',
          requestId: 'req-123',
          errors: [
            { path: 'model.temperature', message: 'Must be at most 2', code: 'too_big' },
            { path: 'name', message: 'Name is required', code: 'too_small' },
          ],
        },
        400,
      ),
    );

    const error = await rejection(apiRequest('/api/v1/agents', { method: 'POST', body: {} }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.title).toBe('Request validation failed');
    expect(error.detail).toBe('2 fields are invalid');
    expect(error.message).toBe('2 fields are invalid');
    expect(error.requestId).toBe('req-123');
    expect(error.fieldErrors).toEqual([
      { path: 'model.temperature', message: 'Must be at most 2', code: 'too_big' },
      { path: 'name', message: 'Name is required', code: 'too_small' },
    ]);
  });

  it('recognises a stale-version conflict', async () => {
    mockFetch(() => problem({ title: 'Precondition failed', code: 'precondition_failed' }, 412));
    const error = await rejection(apiRequest('/api/v1/agents/x', { method: 'PATCH', body: {} }));
    expect(error.status).toBe(412);
    expect(isStaleVersionError(error)).toBe(true);
  });

  it('keeps a code this client does not know yet', async () => {
    mockFetch(() => problem({ title: 'Quota exceeded', code: 'quota_exceeded' }, 429));
    const error = await rejection(apiRequest('/api/v1/agents'));
    expect(error.code).toBe('quota_exceeded');
    expect(error.title).toBe('Quota exceeded');
  });

  it('falls back to the status line and x-request-id header when the body is not a problem', async () => {
    mockFetch(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html', 'x-request-id': 'req-proxy' },
        }),
    );
    const error = await rejection(apiRequest('/api/v1/agents'));
    expect(error.status).toBe(502);
    expect(error.code).toBe('unexpected_response');
    expect(error.title).toBe('Bad Gateway');
    expect(error.requestId).toBe('req-proxy');
    expect(error.fieldErrors).toEqual([]);
  });

  it('turns a network failure into status 0 with code network_error', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await rejection(apiRequest('/api/v1/agents'));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });

  it('resolves with the parsed JSON body', async () => {
    mockFetch(() => json({ id: 'a1' }, { status: 201 }));
    await expect(apiRequest('/api/v1/agents', { method: 'POST', body: { name: 'A' } })).resolves.toEqual({ id: 'a1' });
  });

  it('resolves a 204 with undefined', async () => {
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(apiRequest('/api/v1/agents/a1', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});

describe('api', () => {
  it("sends the operation's method to its path, with the parameters encoded, the body as JSON and the headers", async () => {
    const { requests } = mockFetch(() => json({ id: 'a/1', name: 'A' }));
    const agent = await api('updateAgent', { params: { id: 'a/1' }, body: { name: 'A' }, headers: { 'if-match': '"4"' } });

    expect(agent.name).toBe('A');
    expect(requests[0]?.method).toBe('PATCH');
    expect(requests[0]?.url.pathname).toBe('/api/v1/agents/a%2F1');
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(requests[0]?.headers.get('if-match')).toBe('"4"');
    expect(requests[0]?.body).toEqual({ name: 'A' });
  });

  it('adds the query to the path and sends no body when the operation takes none', async () => {
    const { requests } = mockFetch(() => json({ items: [], total: 0, nextCursor: null }));
    await api('listAgents', { query: { limit: 20, observedState: ['idle', 'busy'] } });

    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url.pathname).toBe('/api/v1/agents');
    expect(requests[0]?.url.search).toBe('?limit=20&observedState=idle%2Cbusy');
    expect(requests[0]?.headers.get('content-type')).toBeNull();
  });

  it('types the answer, the parameters and the body by the contract', () => {
    // Compile-time only: the calls are built, never sent.
    expectTypeOf(api<'getAgent'>).returns.resolves.toEqualTypeOf<Agent>();
    expectTypeOf(api<'deleteAgent'>).returns.resolves.toBeUndefined();
    expectTypeOf<EndpointOptions<'getAgent'>['params']>().toEqualTypeOf<{ id: string | number }>();
    expectTypeOf<EndpointOptions<'getAgentTask'>['params']>().toEqualTypeOf<
      { id: string | number } & { taskId: string | number }
    >();
    expectTypeOf<EndpointOptions<'createAgent'>['body']>().toEqualTypeOf<EndpointBody<'createAgent'>>();
    expectTypeOf<EndpointOptions<'listAgents'>['body']>().toEqualTypeOf<undefined>();
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and joins arrays with commas', () => {
    expect(
      buildUrl('/api/v1/agents', { limit: 20, cursor: undefined, q: '', skill: null, status: ['idle', 'busy'], sort: '-name' }),
    ).toBe('/api/v1/agents?limit=20&status=idle%2Cbusy&sort=-name');
    expect(buildUrl('/api/v1/agents', { status: [] })).toBe('/api/v1/agents');
  });
});
