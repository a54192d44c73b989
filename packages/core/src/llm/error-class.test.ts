import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { classifyError, retryAfterMs } from './error-class.js';

const apiError = (statusCode: number, responseHeaders?: Record<string, string>) =>
  new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'http://x',
    requestBodyValues: {},
    statusCode,
    ...(responseHeaders ? { responseHeaders } : {}),
  });
const idle = { timedOut: false, aborted: false };

describe('classifyError', () => {
  it('retries rate limits, server errors and timeouts; not auth or bad requests', () => {
    expect(classifyError(apiError(429, { 'retry-after': '3' }), idle)).toMatchObject({
      errorClass: 'rate_limited',
      retryable: true,
      retryAfterMs: 3000,
    });
    expect(classifyError(apiError(503), idle)).toMatchObject({ errorClass: 'server_error', retryable: true });
    expect(classifyError(apiError(401), idle)).toMatchObject({ errorClass: 'auth', retryable: false });
    expect(classifyError(apiError(400), idle)).toMatchObject({ errorClass: 'bad_request', retryable: false });
    expect(classifyError(new Error('x'), { timedOut: true, aborted: false })).toMatchObject({
      errorClass: 'timeout',
      retryable: true,
    });
    expect(classifyError(new Error('x'), { timedOut: false, aborted: true })).toMatchObject({
      errorClass: 'aborted',
      retryable: false,
    });
    expect(classifyError(Object.assign(new Error('refused'), { code: 'outbound_refused' }), idle)).toMatchObject({
      errorClass: 'refused',
      retryable: false,
    });
    expect(classifyError(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), idle)).toMatchObject({
      errorClass: 'network',
      retryable: true,
    });
  });

  it('reads Retry-After as seconds, milliseconds or an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(retryAfterMs({ 'retry-after-ms': '150' })).toBe(150);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
});
