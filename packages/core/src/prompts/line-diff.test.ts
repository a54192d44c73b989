import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.js';

describe('lineDiff', () => {
  it('pairs a changed line with its replacement and keeps the lines around it', () => {
    expect(lineDiff('Hello\nworld\nbye', 'Hello\nthere\nbye')).toEqual([
      { type: 'equal', text: 'Hello' },
      { type: 'removed', text: 'world' },
      { type: 'added', text: 'there' },
      { type: 'equal', text: 'bye' },
    ]);
  });

  it('shows no change when only the trailing newline was added or removed', () => {
    const unchanged = [
      { type: 'equal', text: 'a' },
      { type: 'equal', text: 'b' },
    ];
    expect(lineDiff('a\nb', 'a\nb\n')).toEqual(unchanged);
    expect(lineDiff('a\nb\n', 'a\nb')).toEqual(unchanged);
  });

  it('keeps the last line unchanged when a line is appended after it or removed from after it', () => {
    expect(lineDiff('a\nb', 'a\nb\nc')).toEqual([
      { type: 'equal', text: 'a' },
      { type: 'equal', text: 'b' },
      { type: 'added', text: 'c' },
    ]);
    expect(lineDiff('a\nb\nc\n', 'a\nb')).toEqual([
      { type: 'equal', text: 'a' },
      { type: 'equal', text: 'b' },
      { type: 'removed', text: 'c' },
    ]);
  });

  it('still shows an added empty last line', () => {
    expect(lineDiff('a\n', 'a\n\n')).toEqual([
      { type: 'equal', text: 'a' },
      { type: 'added', text: '' },
    ]);
  });
});
