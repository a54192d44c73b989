import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/**
 * OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. WebAssembly rather than a native addon,
 * so hashing works the same on every platform and in every container (see ADR 0001).
 */
const OPTIONS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export const hashPassword = (password: string): Promise<string> =>
  argon2id({ ...OPTIONS, password, salt: randomBytes(16), outputType: 'encoded' });

/** A hash of nothing anyone knows, verified for unknown emails so both paths cost the same. */
let decoy: Promise<string> | undefined;

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
