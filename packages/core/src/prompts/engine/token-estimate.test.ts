import { describe, expect, it } from 'vitest';
import { estimateTokens, TOKEN_ENCODING } from './index.js';

describe('estimateTokens', () => {
  it('counts text with the o200k_base encoding', () => {
    expect(TOKEN_ENCODING).toBe('o200k_base');
    expect(estimateTokens('')).toBe(0);
    // Reference counts from OpenAI's tiktoken for o200k_base.
    expect(estimateTokens('Hello, world!')).toBe(4);
    expect(estimateTokens('hello world')).toBe(2);
  });

  it('grows with the text', () => {
    const short = estimateTokens('You are a helpful assistant.');
    expect(estimateTokens('You are a helpful assistant. '.repeat(10))).toBeGreaterThan(short * 8);
  });

  it('counts special-token text as ordinary text instead of throwing', () => {
    expect(estimateTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('adds chat framing: 3 tokens per message plus 3 for the reply', () => {
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Hello, world!' },
    ];
    const content = estimateTokens('Be brief.') + estimateTokens('Hello, world!');
    const roles = estimateTokens('system') + estimateTokens('user');
    expect(estimateTokens(messages)).toBe(content + roles + 2 * 3 + 3);
    expect(estimateTokens([])).toBe(3);
  });

  it('counts a long run without spaces in linear time (it took 11 s for 100,000 letters)', () => {
    const started = performance.now();
    const tokens = estimateTokens('a'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(tokens).toBeGreaterThan(100_000 / 16);
    expect(tokens).toBeLessThan(100_000 / 4);
  });

  it('counts long text in pieces that agree with a single count', () => {
    const prose = 'The quick brown fox jumps over the lazy dog.\n'.repeat(500);
    expect(estimateTokens(prose)).toBe(500 * estimateTokens('The quick brown fox jumps over the lazy dog.\n'));
  });
});
