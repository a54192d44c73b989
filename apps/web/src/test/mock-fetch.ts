import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type MockHandler = (request: RecordedRequest) => Response | Promise<Response>;

export const json = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });

export const problem = (body: Record<string, unknown>, status: number, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ type: `urn:agent-fleet:problem:${String(body['code'])}`, status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

/** Replaces global fetch with `handler` and records every request it receives. */
export function mockFetch(handler: MockHandler) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request: RecordedRequest = { method: init.method ?? 'GET', url, headers: new Headers(init.headers), body };
    requests.push(request);
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}
