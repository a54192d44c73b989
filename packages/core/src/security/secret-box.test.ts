import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const key = randomBytes(32);

  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox(key);
    const sealed = box.encrypt('sk-live-1234', 'provider:w:openai');
    expect(sealed).not.toContain('sk-live');
    expect(box.decrypt(sealed, 'provider:w:openai')).toBe('sk-live-1234');
    // A fresh IV each time: the same secret encrypts differently.
    expect(box.encrypt('sk-live-1234', 'provider:w:openai')).not.toBe(sealed);
  });

  it('refuses a ciphertext moved to another context or tampered with', () => {
    const box = new SecretBox(key);
    const sealed = box.encrypt('sk-live-1234', 'provider:w:openai');
    expect(() => box.decrypt(sealed, 'provider:w:anthropic')).toThrow(/cannot be decrypted/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join('.'), 'provider:w:openai')).toThrow(/cannot be decrypted/);
  });

  it('reads values sealed with a previous key during a rotation, and reports them stale', () => {
    const old = new SecretBox(key);
    const sealed = old.encrypt('sk-old', 'ctx');
    const rotated = new SecretBox(randomBytes(32), [key]);
    expect(rotated.decrypt(sealed, 'ctx')).toBe('sk-old');
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('sk-new', 'ctx'))).toBe(false);
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed, 'ctx')).toThrow(/cannot be decrypted/);
  });

  it('parses hex and base64 keys and rejects other lengths', () => {
    expect(parseSecretKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseSecretKey('abcd')).toThrow(/32 bytes/);
  });
});
