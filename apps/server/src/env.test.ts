import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.js';

describe('loadEnv', () => {
  it('applies defaults and freezes the result', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info', BODY_LIMIT_BYTES: 1_048_576 });
    expect(env.DATA_DIR).toMatch(/\/data$/);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('names every invalid setting', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrowError(EnvError);
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });
});

describe('base URLs', () => {
  it.each(['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'OPENAI_COMPATIBLE_BASE_URL', 'S3_ENDPOINT'])(
    'refuses credentials, an empty host and other schemes in %s',
    (name) => {
      for (const bad of ['http://user:pw@attacker.example/v1', 'http:///etc/passwd', 'file:///etc/passwd', 'ftp://x.example/']) {
        expect(() => loadEnv({ [name]: bad }), bad).toThrowError(new RegExp(`${name}: `));
      }
      expect(loadEnv({ [name]: 'http://127.0.0.1:11434/v1' })[name as 'OPENAI_BASE_URL']).toBe('http://127.0.0.1:11434/v1');
    },
  );
});

describe('HTTP server timeouts', () => {
  it('defaults to 10 s for headers, 30 s for a request and 5 s keep-alive', () => {
    expect(loadEnv({})).toMatchObject({
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
    });
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadEnv({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrowError(
      /HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
  });
});
