import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hasher.js';

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

  it('spends as much work on an unknown user as on a wrong password, so the reply does not reveal the email', async () => {
    const hash = await hashPassword('a long password');
    await verifyPassword(null, 'warm-up');
    // CPU time of this process, not wall time: other work on a busy machine does not count.
    const cpuMs = async (work: () => Promise<unknown>): Promise<number> => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const start = process.cpuUsage();
        await work();
        const used = process.cpuUsage(start);
        samples.push((used.user + used.system) / 1000);
      }
      return samples.sort((a, b) => a - b)[2] ?? 0;
    };
    const unknown = await cpuMs(() => verifyPassword(null, 'a guess'));
    const known = await cpuMs(() => verifyPassword(hash, 'a guess'));
    expect(await verifyPassword(null, 'decoy-password-for-timing')).toBe(false);
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });
});
