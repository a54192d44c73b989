import { describe, expect, it } from 'vitest';
import { emptyProviderForm, maskedKeyHint, validateProviderForm } from './provider-form';
import { makeProvider, mockProvider, ollamaProvider } from './test/fixtures';

const existing = [mockProvider(), makeProvider(), ollamaProvider()];
const adding = { editing: null, existing };

describe('validateProviderForm', () => {
  it('refuses a custom id that names a kind, or a provider that exists already', () => {
    const compatible = { ...emptyProviderForm(), kind: 'openai-compatible' as const, baseUrl: 'http://localhost:1234/v1' };
    const invalid = (id: string) => {
      const result = validateProviderForm({ ...compatible, id }, adding);
      return result.ok ? null : result.errors.id;
    };
    expect(invalid('anthropic')).toMatch(/kind of its own/);
    expect(invalid('mock')).toMatch(/kind of its own/);
    expect(invalid('ollama')).toMatch(/set up already/);
    expect(invalid('Not A Slug')).toMatch(/lowercase slugs/);
    expect(invalid('lmstudio')).toBeNull();
  });

  it('lets a workspace take over a provider the environment configures', () => {
    const result = validateProviderForm({ ...emptyProviderForm(), kind: 'openai', apiKey: 'sk-1' }, adding);
    expect(result).toEqual({ ok: true, id: 'openai', body: { kind: 'openai', baseUrl: null, apiKey: 'sk-1' } });
  });

  it('checks a base URL the way the server does', () => {
    const result = validateProviderForm({ ...emptyProviderForm(), kind: 'anthropic', baseUrl: 'ftp://example.com' }, adding);
    expect(result.ok ? null : result.errors.baseUrl).toBe('Use an http:// or https:// URL');
  });
});

describe('maskedKeyHint', () => {
  it('masks the last characters whether or not the server already did', () => {
    expect(maskedKeyHint('abcd')).toBe('••••abcd');
    expect(maskedKeyHint('••••abcd')).toBe('••••abcd');
    expect(maskedKeyHint('...abcd')).toBe('••••abcd');
  });
});
