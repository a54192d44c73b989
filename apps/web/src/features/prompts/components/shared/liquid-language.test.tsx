import { completionContext } from '../../../../components/ui/code-editor/completion';
import { tokenizeLines } from '../../../../components/ui/code-editor/stream';
import { describe, expect, it } from 'vitest';
import { closePercentBrace, liquidCompletions, liquidHighlight } from './liquid-language';

const source = liquidCompletions([{ label: 'customer', type: 'variable' }]);

/** Completions at the `‸` marker of `doc`. */
function complete(doc: string, explicit = false): { labels: string[]; from: number } | null {
  const pos = doc.indexOf('‸');
  const text = doc.replace('‸', '');
  const result = source(completionContext(text, pos, explicit));
  return result && { labels: result.options.map((option) => option.label), from: result.from };
}

describe('liquidCompletions', () => {
  it('offers tag names after {%', () => {
    expect(complete('Hi {% i‸')?.labels).toEqual(expect.arrayContaining(['if', 'include', 'for', 'endif']));
    expect(complete('Hi {% i‸')?.from).toBe(6);
  });

  it('offers filters after a pipe', () => {
    const result = complete('{{ customer | up‸');
    expect(result?.labels).toEqual(expect.arrayContaining(['upcase', 'truncate', 'default']));
    expect(result?.labels).not.toContain('customer');
  });

  it('offers the declared variables and keywords inside an output or a tag', () => {
    expect(complete('{{ cu‸')?.labels).toEqual(expect.arrayContaining(['customer', 'forloop']));
    expect(complete('{% if cu‸')?.labels).toContain('customer');
    expect(complete('{% if cu‸')?.labels).not.toContain('endif');
  });

  it('offers loop properties after forloop.', () => {
    expect(complete('{% for x in xs %}{{ forloop.‸')?.labels).toEqual(expect.arrayContaining(['index', 'first', 'last']));
  });

  it('offers nothing outside tags, after a closed tag, or inside a string', () => {
    expect(complete('Hello cu‸')).toBeNull();
    expect(complete('{{ customer }} cu‸')).toBeNull();
    expect(complete('{{ "cu‸')).toBeNull();
  });

  it('waits for a word or an explicit request in the middle of an expression', () => {
    expect(complete('{{ customer |‸')).toBeNull();
    expect(complete('{{ customer |‸', true)?.labels).toContain('upcase');
    expect(complete('{% ‸')).toBeNull();
    expect(complete('{% ‸', true)?.labels).toContain('if');
  });
});

describe('liquidHighlight', () => {
  /** Each token with the kind it is given (one-line documents). */
  const tokens = (doc: string): string[] =>
    (tokenizeLines(liquidHighlight, doc)[0] ?? []).map((token) => `${doc.slice(token.from, token.to)}:${token.type}`);

  it('tells tags, filters, strings, numbers and comments apart, and leaves the text between tags plain', () => {
    const found = tokens('Dear {{ customer | upcase }}, {% if n > 2 %}"hi"{% endif %}{# note #}');
    expect(found).toEqual(
      expect.arrayContaining([
        '{{:brace',
        'customer:variableName',
        'upcase:variableName.function',
        'if:keyword',
        '2:number',
        '>:operator',
        '{# note #}:comment',
      ]),
    );
    expect(found.some((token) => token.startsWith('Dear'))).toBe(false);
    expect(found.some((token) => token.startsWith('"hi"'))).toBe(false);
  });

  it('keeps a comment block as one comment up to its end tag', () => {
    const found = tokens('{% comment %}{{ not code }}{% endcomment %}after');
    expect(found).toContain('{{ not code }}:comment');
    expect(found).toContain('{% endcomment %}:keyword');
  });
});

describe('closePercentBrace', () => {
  it('closes a tag when % is typed between braces, keeping the cursor inside', () => {
    expect(closePercentBrace('Hi {%}', 5)).toEqual({ text: 'Hi {%%}', cursor: 5 });
    expect(closePercentBrace('Hi %', 4)).toBeNull();
  });
});
