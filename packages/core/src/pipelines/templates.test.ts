import { describe, expect, it } from 'vitest';
import { bareExpression, findTemplates, parseTemplate, TemplateSyntaxError } from './templates.js';

describe('parseTemplate', () => {
  it('keeps a string without ${{ as a literal', () => {
    expect(parseTemplate('plain $ {{ text }}')).toEqual({ kind: 'literal', value: 'plain $ {{ text }}' });
  });

  it('treats one ${{ }} as the whole value, surrounding spaces allowed', () => {
    expect(parseTemplate('  ${{ input.count }} ')).toEqual({ kind: 'whole', expression: { source: 'input.count', offset: 6 } });
  });

  it('interpolates expressions inside a longer string', () => {
    expect(parseTemplate('Hello ${{ input.name }}, ${{input.n}}!')).toEqual({
      kind: 'interpolated',
      parts: ['Hello ', { source: 'input.name', offset: 10 }, ', ', { source: 'input.n', offset: 28 }, '!'],
    });
  });

  it('does not close on }} inside a string literal or a map literal', () => {
    expect(parseTemplate('${{ "}}" + {"a": {"b": 1}}.a.b }}')).toMatchObject({
      kind: 'whole',
      expression: { source: '"}}" + {"a": {"b": 1}}.a.b' },
    });
  });

  it('refuses an unclosed or empty template with its offset', () => {
    expect(() => parseTemplate('x ${{ input.a')).toThrow(new TemplateSyntaxError('"${{" without a closing "}}"', 2));
    expect(() => parseTemplate('${{  }}')).toThrow(TemplateSyntaxError);
  });
});

describe('findTemplates', () => {
  it('lists the template strings of a JSON value with their paths', () => {
    expect(findTemplates({ a: ['x', '${{ 1 }}'], b: { c: 'y ${{ 2 }}' }, d: 3 }, ['with'])).toEqual([
      { path: ['with', 'a', 1], text: '${{ 1 }}' },
      { path: ['with', 'b', 'c'], text: 'y ${{ 2 }}' },
    ]);
  });
});

describe('bareExpression', () => {
  it('accepts an expression with or without ${{ }}, but not an interpolating template', () => {
    expect(bareExpression(' input.ok ').source).toBe('input.ok');
    expect(bareExpression('${{ input.ok }}').source).toBe('input.ok');
    expect(() => bareExpression('is ${{ input.ok }}')).toThrow(TemplateSyntaxError);
  });
});
