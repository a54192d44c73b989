import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-support.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_ATTEMPTS: 3 } });
  await t.signupOwner('target@example.test');
});
afterEach(async () => {
  await t.close();
});

const attempt = (email: string, password: string) => t.anonymous.post('/api/v1/auth/login').send({ email, password });

describe('login rate limit', () => {
  it('answers 429 with Retry-After past the limit, even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) expect((await attempt('target@example.test', `guess-${i}`)).status).toBe(401);
    const limited = await attempt('target@example.test', TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits unknown emails the same way, and counts per account', async () => {
    for (let i = 0; i < 3; i += 1) expect((await attempt('ghost@example.test', `guess-${i}`)).status).toBe(401);
    expect((await attempt('ghost@example.test', 'guess')).status).toBe(429);
    expect((await attempt('target@example.test', TEST_PASSWORD)).status).toBe(200);
  });

  it('clears the count after a successful login', async () => {
    for (let i = 0; i < 2; i += 1) await attempt('target@example.test', `guess-${i}`);
    expect((await attempt('target@example.test', TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i += 1) expect((await attempt('target@example.test', `again-${i}`)).status).toBe(401);
  });
});
