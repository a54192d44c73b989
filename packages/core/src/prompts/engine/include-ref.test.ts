import { describe, expect, it } from 'vitest';
import { formatIncludeRef, parseIncludeRef, TemplateRenderError } from './index.js';

describe('include references', () => {
  it.each([
    ['greeting', { name: 'greeting', selector: { label: 'latest' } }],
    ['greeting@production', { name: 'greeting', selector: { label: 'production' } }],
    ['greeting@3', { name: 'greeting', selector: { version: 3 } }],
    ['support/tone.v2@staging', { name: 'support/tone.v2', selector: { label: 'staging' } }],
  ])('parses %s', (text, ref) => {
    expect(parseIncludeRef(text)).toEqual(ref);
  });

  it.each([
    '',
    '../x',
    '/etc/passwd',
    'a/../b',
    './a',
    'a\\b',
    '%2e%2e',
    'a b',
    'a@',
    'a@0',
    'a@-1',
    'a@1.5',
    'a@b/c',
    'a@@b',
    '.env',
    'x'.repeat(200),
  ])('rejects %j as invalid_include', (text) => {
    expect(() => parseIncludeRef(text)).toThrowError(TemplateRenderError);
    try {
      parseIncludeRef(text);
    } catch (error) {
      expect((error as TemplateRenderError).code).toBe('invalid_include');
    }
  });

  it('formats references canonically', () => {
    expect(formatIncludeRef(parseIncludeRef('a'))).toBe('a@latest');
    expect(formatIncludeRef(parseIncludeRef('a@7'))).toBe('a@7');
  });
});
