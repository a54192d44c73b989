import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/**
 * OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. WebAssembly rather than a native addon,
 * so hashing works the same on every platform and in every container (see ADR 0001).
 */
const OPTIONS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

/** argon2id at its least cost: 64 KiB, 1 iteration (see useCheapPasswordHashingInTests). */
const TEST_OPTIONS = { memorySize: 64, iterations: 1, parallelism: 1, hashLength: 32 } as const;

let options: { memorySize: number; iterations: number; parallelism: number; hashLength: number } = OPTIONS;

export const hashPassword = (password: string): Promise<string> =>
  argon2id({ ...options, password, salt: randomBytes(16), outputType: 'encoded' });

/** A hash of nothing anyone knows, verified for unknown emails so both paths cost the same. */
let decoy: Promise<string> | undefined;

/**
 * Test-only knob: from now on, this process hashes passwords with argon2id at its least cost. The API
 * suites sign up and sign in thousands of users, and at the real cost (about 0.15 s of CPU a hash or a
 * verification) that hashing was a large part of the suite. Verification reads the cost from the stored
 * hash, so wrong passwords still fail and unknown users still cost one verification. It throws outside
 * a Vitest worker (Vitest sets VITEST), and nothing but the API test support calls it, so no setting can
 * turn it on in production; password-hasher.test.ts keeps testing the real cost.
 */
export function useCheapPasswordHashingInTests(): void {
  if (!process.env.VITEST) throw new Error('useCheapPasswordHashingInTests() is for tests run by Vitest only');
  options = TEST_OPTIONS;
  decoy = undefined;
}

/**
 * Verifies `password` against `hash`; with no hash (unknown user) it still runs one argon2
 * verification, so a reply's timing does not tell whether an email is registered.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  decoy ??= hashPassword('decoy-password-for-timing');
  const target = hash ?? (await decoy);
  const matches = await argon2Verify({ password, hash: target }).catch(() => false);
  return hash !== null && matches;
}
