import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from '../test/auth-fixture';
import { json, mockFetch, problem, type RecordedRequest } from '../test/mock-fetch';
import { apiRequest } from './api-client';
import { ApiError } from './api-error';
import { authClient, refreshDelayMs } from './auth-client';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const unauthorized = () => problem({ title: 'Authentication required', code: 'unauthorized' }, 401);
const isRefresh = (request: RecordedRequest) => request.url.pathname === '/api/v1/auth/refresh';

/** A server whose access tokens before `fresh` are expired; refreshing hands out `fresh`. */
function serverWithExpiredToken({ refreshWorks = true } = {}) {
  let releaseRefresh: () => void = () => undefined;
  const refreshGate = new Promise<void>((resolve) => {
    releaseRefresh = resolve;
  });
  const mock = mockFetch(async (request) => {
    if (isRefresh(request)) {
      await refreshGate;
      return refreshWorks ? json(makeSession({ accessToken: 'fresh' })) : unauthorized();
    }
    return request.headers.get('authorization') === 'Bearer fresh' ? json({ path: request.url.pathname }) : unauthorized();
  });
  return { ...mock, releaseRefresh };
}

describe('authClient with apiRequest', () => {
  it('sends the access token and the workspace on every call', async () => {
    const { requests } = mockFetch(() => json({}));
    authClient.setSession(makeSession({ accessToken: 'tok' }));
    authClient.setWorkspace('ws-1');

    await apiRequest('/api/v1/agents');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok');
    expect(requests[0]?.headers.get('x-workspace-id')).toBe('ws-1');
  });

  it('shares one refresh between concurrent 401s and retries each request once with the new token', async () => {
    const { requests, releaseRefresh } = serverWithExpiredToken();
    authClient.setSession(makeSession({ accessToken: 'stale' }));

    const calls = Promise.all([apiRequest('/api/v1/a'), apiRequest('/api/v1/b'), apiRequest('/api/v1/c')]);
    // Let all three fail with 401 and wait on the refresh before it answers.
    await vi.waitFor(() => expect(requests.filter(isRefresh)).toHaveLength(1));
    releaseRefresh();

    await expect(calls).resolves.toEqual([{ path: '/api/v1/a' }, { path: '/api/v1/b' }, { path: '/api/v1/c' }]);
    expect(requests.filter(isRefresh)).toHaveLength(1);
    expect(requests.filter((request) => !isRefresh(request))).toHaveLength(6);
    expect(requests.find(isRefresh)?.method).toBe('POST');
    expect(authClient.accessToken).toBe('fresh');
  });

  it('retries with a token another request renewed meanwhile instead of refreshing again', async () => {
    let answerStale: () => void = () => undefined;
    const staleAnswered = new Promise<void>((resolve) => {
      answerStale = resolve;
    });
    const { requests } = mockFetch(async (request) => {
      if (request.headers.get('authorization') === 'Bearer fresh') return json({ ok: true });
      await staleAnswered;
      return unauthorized();
    });
    authClient.setSession(makeSession({ accessToken: 'stale' }));

    const call = apiRequest('/api/v1/agents');
    // While the request is out with the old token, a refresh elsewhere installs a new one.
    authClient.setSession(makeSession({ accessToken: 'fresh' }));
    answerStale();

    await expect(call).resolves.toEqual({ ok: true });
    expect(requests.filter(isRefresh)).toHaveLength(0);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('ends the session when the refresh is refused, and reports the 401', async () => {
    const { requests, releaseRefresh } = serverWithExpiredToken({ refreshWorks: false });
    releaseRefresh();
    authClient.setSession(makeSession({ accessToken: 'stale' }));
    const listener = vi.fn();
    const unsubscribe = authClient.subscribe(listener);

    const error = await apiRequest('/api/v1/agents').catch((reason: unknown) => reason);
    unsubscribe();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(listener).toHaveBeenCalledWith({ type: 'expired' });
    expect(authClient.accessToken).toBeNull();
    // The original request was not retried: there was no token to retry with.
    expect(requests.filter((request) => !isRefresh(request))).toHaveLength(1);
  });

  it('never refreshes for the public sign-in routes, whose 401 means wrong credentials', async () => {
    const { requests } = mockFetch(() => problem({ title: 'Invalid email or password', code: 'invalid_credentials' }, 401));
    const error = await apiRequest('/api/v1/auth/login', { method: 'POST', body: {}, auth: false }).catch(
      (reason: unknown) => reason,
    );
    expect((error as ApiError).code).toBe('invalid_credentials');
    expect(requests.filter(isRefresh)).toHaveLength(0);
    expect(requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('renews the token shortly before it expires', async () => {
    vi.useFakeTimers();
    const { requests } = mockFetch(() => json(makeSession({ accessToken: 'renewed' })));
    authClient.setSession(makeSession({ accessToken: 'first', expiresIn: 900 }));

    await vi.advanceTimersByTimeAsync(refreshDelayMs(900) - 1000);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests.filter(isRefresh)).toHaveLength(1);
    expect(authClient.accessToken).toBe('renewed');
  });
});

describe('refreshDelayMs', () => {
  it('renews a minute early for long tokens and at four fifths of short ones, never sooner than 5 s', () => {
    expect(refreshDelayMs(900)).toBe(840_000);
    expect(refreshDelayMs(60)).toBe(48_000);
    expect(refreshDelayMs(2)).toBe(5_000);
  });
});
