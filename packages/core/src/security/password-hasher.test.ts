import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashPassword, passwordCheck, verifyPassword } from './password-hasher.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('password hashing', () => {
  it('uses argon2id with at least 19 MiB, 2 iterations and 1 lane', async () => {
    const hash = await hashPassword('a long password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$/);
    const [, memory, time] = /m=(\d+),t=(\d+),p=1/.exec(hash) ?? [];
    expect(Number(memory)).toBeGreaterThanOrEqual(19_456);
    expect(Number(time)).toBeGreaterThanOrEqual(2);
  });

  it('verifies the right password only', async () => {
    const hash = await hashPassword('a long password');
    expect(await verifyPassword(hash, 'a long password')).toBe(true);
    expect(await verifyPassword(hash, 'another password')).toBe(false);
  });

  it('runs one real argon2 verification for an unknown user, so timing does not reveal the email', async () => {
    await verifyPassword(null, 'warm-up');
    const verify = vi.spyOn(passwordCheck, 'verify');
    expect(await verifyPassword(null, 'decoy-password-for-timing')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(String(verify.mock.calls[0]?.[0])).toMatch(/^\$argon2id\$/);
  });
});
