import { describe, expect, it } from 'vitest';
import { buildRunInput, parseSetValue, RunInputError } from './run-command-input.js';

describe('--set values', () => {
  it('guesses JSON types when the pipeline’s inputs are unknown, keeping other text as strings', () => {
    expect(parseSetValue('42')).toBe(42);
    expect(parseSetValue('-1.5e3')).toBe(-1500);
    expect(parseSetValue('true')).toBe(true);
    expect(parseSetValue('null')).toBeNull();
    expect(parseSetValue('[1, "a"]')).toEqual([1, 'a']);
    expect(parseSetValue('{"a": {"b": 2}}')).toEqual({ a: { b: 2 } });
    expect(parseSetValue('"42"')).toBe('42');
    // Not JSON numbers: leading zeros, plus signs, hex.
    expect(parseSetValue('007')).toBe('007');
    expect(parseSetValue('+1')).toBe('+1');
    expect(parseSetValue('0x10')).toBe('0x10');
    expect(parseSetValue('hello world')).toBe('hello world');
    expect(parseSetValue('')).toBe('');
    expect(() => parseSetValue('{not json')).toThrow(RunInputError);
  });

  it('follows the declared type: strings stay text, numbers and booleans parse, a mismatch is left for the server', () => {
    expect(parseSetValue('123', { type: 'string', required: false })).toBe('123');
    expect(parseSetValue('true', { type: 'enum', options: ['true', 'false'], required: false })).toBe('true');
    expect(parseSetValue('{oops', { type: 'string', required: false })).toBe('{oops');
    expect(parseSetValue(' 12 ', { type: 'number', required: false })).toBe(12);
    expect(parseSetValue('twelve', { type: 'number', required: false })).toBe('twelve');
    expect(parseSetValue('false', { type: 'boolean', required: false })).toBe(false);
    expect(parseSetValue('["x"]', { type: 'list', required: false })).toEqual(['x']);
    expect(parseSetValue('{"k": 1}', { type: 'object', required: false })).toEqual({ k: 1 });
  });

  it('applies --set over the --input file, keeping "=" in values, and refuses malformed files and assignments', () => {
    const file = { name: 'in.json', text: '{"a": 1, "b": "x"}' };
    expect(buildRunInput(file, ['b=y=z', 'c=3'], null)).toEqual({ a: 1, b: 'y=z', c: 3 });
    expect(() => buildRunInput({ name: 'in.json', text: '[1]' }, [], null)).toThrow(/must hold a JSON object/);
    expect(() => buildRunInput({ name: 'in.json', text: '{' }, [], null)).toThrow(/in.json is not valid JSON/);
    expect(() => buildRunInput(null, ['=1'], null)).toThrow(/--set expects name=value/);
  });
});
