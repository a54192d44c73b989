import { describe, expect, it } from 'vitest';
import { checkDeclarations, createTemplateEngine, validateVariables, type VariableDeclaration } from './index.js';

const declarations: VariableDeclaration[] = [
  { name: 'name', type: 'string', required: true },
  { name: 'count', type: 'number', required: false, default: 3 },
  { name: 'formal', type: 'boolean', required: true, default: false },
  { name: 'tone', type: 'enum', required: false, options: ['warm', 'dry'] },
  { name: 'tags', type: 'list', required: false, default: ['a'] },
  { name: 'profile', type: 'object', required: false },
];

describe('validateVariables', () => {
  it('accepts well-typed values and fills in defaults', () => {
    const result = validateVariables(declarations, { name: 'Ada', tone: 'dry', profile: { age: 36 } });
    expect(result.problems).toEqual([]);
    expect(result.values).toEqual({ name: 'Ada', count: 3, formal: false, tone: 'dry', tags: ['a'], profile: { age: 36 } });
  });

  it('reports a missing required variable, treating null as missing', () => {
    expect(validateVariables(declarations, {}).problems).toEqual([{ variable: 'name', message: 'is required' }]);
    expect(validateVariables(declarations, { name: null }).problems).toEqual([{ variable: 'name', message: 'is required' }]);
  });

  it('reports every ill-typed value, without coercion', () => {
    const { problems } = validateVariables(declarations, {
      name: 42,
      count: '3',
      formal: 'yes',
      tone: 'loud',
      tags: 'a,b',
      profile: [1],
    });
    expect(problems).toEqual([
      { variable: 'name', message: 'must be a string, got 42' },
      { variable: 'count', message: 'must be a finite number, got "3"' },
      { variable: 'formal', message: 'must be true or false, got "yes"' },
      { variable: 'tone', message: 'must be one of "warm", "dry", got "loud"' },
      { variable: 'tags', message: 'must be a list, got "a,b"' },
      { variable: 'profile', message: 'must be an object, got a list' },
    ]);
    expect(validateVariables(declarations, { name: 'x', count: Number.NaN }).problems).toEqual([
      { variable: 'count', message: 'must be a finite number, got NaN' },
    ]);
  });

  it('passes undeclared values through untouched', () => {
    expect(validateVariables([], { extra: 1 }).values).toEqual({ extra: 1 });
  });

  it('gives each render its own copy of a default', () => {
    const first = validateVariables(declarations, { name: 'a' }).values.tags as string[];
    first.push('mutated');
    expect(validateVariables(declarations, { name: 'a' }).values.tags).toEqual(['a']);
  });

  it('is applied by render when declarations are given', async () => {
    const engine = createTemplateEngine();
    const source = { type: 'text' as const, body: '{{ name }} x{{ count }}' };
    await expect(engine.render(source, { name: 'Ada' }, { declarations })).resolves.toMatchObject({ text: 'Ada x3' });
    await expect(engine.render(source, { count: 'many' }, { declarations })).rejects.toMatchObject({
      code: 'invalid_variables',
      problems: [
        { variable: 'name', message: 'is required' },
        { variable: 'count', message: 'must be a finite number, got "many"' },
      ],
    });
  });
});

describe('checkDeclarations', () => {
  it('accepts valid declarations', () => {
    expect(checkDeclarations(declarations)).toEqual([]);
  });

  it('reports bad names, duplicates, enums without options, stray options and bad defaults', () => {
    expect(
      checkDeclarations([
        { name: '__proto__', type: 'string', required: false },
        { name: 'a b', type: 'string', required: false },
        { name: 'x', type: 'string', required: false },
        { name: 'x', type: 'number', required: false, options: ['1'] },
        { name: 'e', type: 'enum', required: false, options: [] },
        { name: 'f', type: 'enum', required: false, options: ['a'], default: 'b' },
        { name: 'g', type: 'date' as 'string', required: false },
      ]).map((problem) => `${problem.index}: ${problem.message}`),
    ).toEqual([
      '0: "__proto__" is not a valid variable name (letters, digits, _ and -, not starting with a digit or __)',
      '1: "a b" is not a valid variable name (letters, digits, _ and -, not starting with a digit or __)',
      '3: "x" is declared more than once',
      '3: "x" has options but is not an enum',
      '4: "e" is an enum without options',
      '5: the default of "f" must be one of "a", got "b"',
      '6: "g" has an unknown type "date"',
    ]);
  });
});
