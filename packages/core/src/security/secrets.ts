import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random token with `bytes` bytes of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * SHA-256 of a high-entropy token. Refresh tokens, invitation tokens and API keys are random, so a
 * fast hash suffices; passwords, which are not, use argon2id (password-hasher.ts). One-shot `hash`:
 * every API-key request hashes its secret, and a Hash object per call cost more than the digest.
 */
export const hashToken = (token: string): string => hash('sha256', token, 'hex');

export const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
