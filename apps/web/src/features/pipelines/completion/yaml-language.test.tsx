import { describe, expect, it } from 'vitest';
import { tokenizeLines } from '../../../components/ui/code-editor/stream';
import { yamlHighlight } from './yaml-language';

/** Each highlighted token of `text` as [token type, text], in order. */
function tokens(text: string): [string, string][] {
  const lines = text.split('\n');
  return tokenizeLines(yamlHighlight, text).flatMap((line, index) =>
    line.map((token): [string, string] => [token.type, (lines[index] ?? '').slice(token.from, token.to)]),
  );
}

describe('yamlHighlight', () => {
  it('tells keys, list dashes, scalars, numbers, atoms and comments apart', () => {
    expect(tokens('steps: # the work\n  - fetch\nmax: 3\nok: true\n')).toEqual([
      ['propertyName', 'steps'],
      ['punctuation', ':'],
      ['comment', '# the work'],
      ['punctuation', '-'],
      ['string', 'fetch'],
      ['propertyName', 'max'],
      ['punctuation', ':'],
      ['number', '3'],
      ['propertyName', 'ok'],
      ['punctuation', ':'],
      ['atom', 'true'],
    ]);
  });

  it('marks ${{ … }} expressions, also inside a plain scalar', () => {
    expect(tokens('value: ${{ steps.a.output }}')).toEqual([
      ['propertyName', 'value'],
      ['punctuation', ':'],
      ['meta', '${{'],
      ['string.special', ' steps.a.output '],
      ['meta', '}}'],
    ]);
  });

  it('reads the lines of a block scalar as text, not keys', () => {
    const found = tokens('task: |\n  note: not a key\n  more\nnext: 1\n');
    expect(found).toContainEqual(['string', '  note: not a key']);
    expect(found).toContainEqual(['propertyName', 'next']);
    expect(found).not.toContainEqual(['propertyName', 'note']);
  });
});
