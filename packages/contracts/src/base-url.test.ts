import { describe, expect, it } from 'vitest';
import { BaseUrlSchema, INVALID_BASE_URL, originOf } from './base-url.js';
import { ProviderUpsertSchema } from './llm.js';

describe('BaseUrlSchema', () => {
  it.each([
    'https://api.openai.com/v1',
    'http://127.0.0.1:11434/v1',
    'http://[::1]:8080/',
    'https://openrouter.ai/api/v1',
    'http://minio:9000',
    ' https://api.anthropic.com/v1 ',
  ])('accepts %s', (url) => {
    expect(BaseUrlSchema.parse(url)).toBe(url.trim());
  });

  it.each([
    ['credentials', 'http://user:pw@attacker.example/v1'],
    ['a user name', 'https://token@api.openai.com/v1'],
    ['an empty user', 'http://@api.openai.com/v1'],
    ['an empty host (http:///etc/passwd)', 'http:///etc/passwd'],
    ['no host at all', 'http://'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['gopher:', 'gopher://127.0.0.1:70/'],
    ['data:', 'data:text/plain,hi'],
    ['no scheme', 'api.openai.com/v1'],
    ['a backslash', 'http:\\\\attacker.example\\v1'],
    ['a single slash', 'http:/attacker.example/v1'],
    ['a query', 'https://api.openai.com/v1?key=x'],
    ['a fragment', 'https://api.openai.com/v1#x'],
    ['a space inside', 'https://api.openai.com/v 1'],
    ['a control character', 'https://api.openai.com/v1\u0007'],
    ['a NUL', 'https://api.openai.com/\u0000'],
    ['a lone surrogate', 'https://api.openai.com/\ud800'],
    ['a bad port', 'http://host:99999/'],
    ['too long', `https://example.com/${'a'.repeat(500)}`],
  ])('refuses %s', (_what, url) => {
    const result = BaseUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/.+/);
  });

  it('names the problem with a stable code', () => {
    const issue = BaseUrlSchema.safeParse('http://user:pw@host/').error?.issues[0];
    expect(issue).toMatchObject({ code: 'custom', params: { code: INVALID_BASE_URL } });
    expect(issue?.message).toMatch(/user name or password/);
  });

  it('is the base URL of provider settings', () => {
    expect(ProviderUpsertSchema.safeParse({ kind: 'openai', baseUrl: 'http:///etc/passwd' }).success).toBe(false);
    expect(ProviderUpsertSchema.safeParse({ kind: 'openai', baseUrl: 'https://a:b@api.openai.com/v1' }).success).toBe(false);
    expect(ProviderUpsertSchema.safeParse({ kind: 'openai', baseUrl: null }).success).toBe(true);
  });

  it('tells the origin requests go to', () => {
    expect(originOf('https://api.openai.com/v1')).toBe('https://api.openai.com');
    expect(originOf('https://API.openai.com:443/v1')).toBe('https://api.openai.com');
    expect(originOf('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434');
  });
});
