import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateCompiled, ExpressionError, type ExpressionScope } from './expression.js';

/**
 * The abuse corpus: expressions written to escape the scope, exhaust the parser, or stall or blow up
 * the evaluator. Each is refused with a code, or classified `unbounded` (it then runs only in a worker
 * with a hard time limit: isolated-expressions.test.ts), or yields a harmless value.
 */
const scope: ExpressionScope = {
  input: { s: 'x'.repeat(100_000), list: Array.from({ length: 2000 }, (_, index) => index), bomb: `${'a'.repeat(40)}!`, n: 1 },
  steps: {},
};

const outcome = (source: string, data: ExpressionScope = scope): string => {
  try {
    const compiled = compileExpression(source);
    if (compiled.cost === 'unbounded') return 'unbounded';
    return `value ${JSON.stringify(evaluateCompiled(compiled, data))}`;
  } catch (error) {
    if (error instanceof ExpressionError) return error.code;
    throw error;
  }
};

const CORPUS: [string, string][] = [
  // Escaping the scope: prototypes, globals, the host.
  ['input.constructor', 'expression_evaluation'],
  ['input.__proto__', 'expression_evaluation'],
  ['input["__proto__"]', 'expression_evaluation'],
  ['input.toString', 'expression_evaluation'],
  ['input.hasOwnProperty', 'expression_evaluation'],
  ['input.s.constructor', 'expression_evaluation'],
  ['{"a": 1}.constructor', 'expression_evaluation'],
  ['[1].constructor', 'expression_type'],
  ['process', 'expression_type'],
  ['process.env', 'expression_type'],
  ['globalThis', 'expression_type'],
  ['this', 'expression_type'],
  ['require("fs")', 'expression_type'],
  ['import("fs")', 'expression_syntax'],
  ['eval("1")', 'expression_type'],
  ['Function("return process")()', 'expression_syntax'],
  ['steps', 'expression_scope'],
  ['steps[input.s]', 'expression_scope'],
  // Exhausting the parser.
  [`${'('.repeat(1000)}1${')'.repeat(1000)}`, 'expression_too_complex'],
  [`${'!'.repeat(1000)}true`, 'expression_too_complex'],
  [`${'-'.repeat(1000)}1`, 'expression_too_complex'],
  [`${'['.repeat(500)}${']'.repeat(500)}`, 'expression_too_complex'],
  [`input${'.a'.repeat(300)}`, 'expression_too_complex'],
  [Array.from({ length: 500 }, () => 'input.n').join(' + '), 'expression_too_complex'],
  [`[${Array.from({ length: 1000 }, (_, index) => index).join(', ')}]`, 'expression_too_complex'],
  [`{${Array.from({ length: 500 }, (_, index) => `"k${index}": 1`).join(', ')}}`, 'expression_too_complex'],
  // Stalling the evaluator: only where a hard time limit stops it.
  ['input.list.exists(a, input.list.exists(b, a == b + 0.5))', 'unbounded'],
  ['input.list.map(a, input.list.map(b, a * b))', 'unbounded'],
  ['input.list.all(a, input.list.all(b, input.list.all(c, true)))', 'unbounded'],
  ['input.bomb.matches("^(a+)+$")', 'unbounded'],
  ['input.list.filter(a, a > 0).size() > 0', 'unbounded'],
  // Blowing strings or lists up.
  ['cel.bind(a, input.s + input.s, cel.bind(b, a + a, cel.bind(c, b + b, c + c)))', 'unbounded'],
  ['input.list.map(a, input.s).join("")', 'unbounded'],
  [Array.from({ length: 15 }, () => 'input.s').join(' + '), 'expression_result_too_large'],
  ['input.s * 1000000', 'expression_evaluation'],
  ['[input.list, input.list, input.list, input.list, input.list, input.list]', 'value'],
  // Numbers that are not JSON.
  ['9223372036854775807 + 1', 'expression_evaluation'],
  ['1e308 * 10.0', 'expression_result_not_json'],
  ['type(input)', 'expression_result_not_json'],
  ['b"\\xff"', 'expression_result_not_json'],
];

describe('expression abuse corpus', () => {
  it.each(CORPUS)('%s → %s', (source, expected) => {
    const result = outcome(source);
    expect(expected === 'value' ? result.startsWith('value ') : result).toBe(expected === 'value' ? true : expected);
  });

  it('refuses data nested deeper than the limit, however deep (a JSON HTTP response can be)', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 200_000; level++) deep = { a: deep };
    const data = { input: {}, steps: { fetch: { output: deep, status: 'succeeded' } } };
    expect(outcome('steps.fetch.output.a.a', data)).toBe('expression_data_too_large');
    expect(outcome('steps.fetch.output', data)).toBe('expression_data_too_large');
  });

  it('reads a data key named __proto__ without polluting any prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>;
    expect(outcome('input.__proto__.polluted', { input, steps: {} })).toBe('value "yes"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
