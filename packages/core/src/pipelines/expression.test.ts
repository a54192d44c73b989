import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  evaluateCompiled,
  ExpressionError,
  MAX_EXPRESSION_DATA_CHARS,
  type ExpressionScope,
} from './expression.js';

const scope: ExpressionScope = {
  input: { count: 5, price: 2.5, name: 'Ada', tags: ['a', 'b'], nested: { ok: true } },
  steps: {
    fetch: { output: { items: [1, 2, 3], total: 3 }, status: 'succeeded' },
    other: { output: 'secret', status: 'succeeded' },
  },
  item: { id: 7 },
  index: 2,
  run: { id: 'r1', pipeline: 'demo', version: 3, label: 'production', priority: 1 },
};
const evaluate = (source: string, data: ExpressionScope = scope) => evaluateCompiled(compileExpression(source), data);
const failure = (run: () => unknown): ExpressionError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
};

describe('pipeline expressions', () => {
  it('does arithmetic on JSON numbers with integer literals', () => {
    expect(evaluate('input.count * 2')).toBe(10);
    expect(evaluate('2 + input.price')).toBe(4.5);
    expect(evaluate('steps.fetch.output.total / 2')).toBe(1.5);
    expect(evaluate('input.count == 5 && input.count > 4')).toBe(true);
  });

  it('returns JSON: ints as numbers, maps as objects, timestamps and durations as strings', () => {
    expect(evaluate('size(input.tags) + 1')).toBe(3);
    expect(evaluate('{"n": index, "list": [1, 2.5, "x"]}')).toEqual({ n: 2, list: [1, 2.5, 'x'] });
    expect(evaluate('timestamp("2026-01-02T03:04:05Z")')).toBe('2026-01-02T03:04:05.000Z');
    expect(evaluate('duration("90s")')).toBe('90s');
    expect(evaluate('input.?missing.orValue("none")')).toBe('none');
  });

  it('reads item, index and run metadata', () => {
    expect(evaluate('item.id + index')).toBe(9);
    expect(evaluate('run.pipeline + "@" + run.label + " v" + string(run.version)')).toBe('demo@production v3');
  });

  it('needs has() for a missing field', () => {
    expect(failure(() => evaluate('input.missing')).message).toBe('No such key: missing');
    expect(evaluate('has(input.missing) ? input.missing : "default"')).toBe('default');
  });

  it('passes in only the steps an expression names', () => {
    const compiled = compileExpression('steps.fetch.output.total');
    expect(compiled.steps).toEqual(['fetch']);
    expect(failure(() => evaluate('steps.fetch.output.total + size(steps["other"])')).code).toBe('expression_scope');
  });

  it('classifies comprehensions, regular expressions, join and bind as unbounded', () => {
    expect(compileExpression('input.count * 2 + size(input.name)').cost).toBe('bounded');
    for (const source of [
      'input.tags.exists(t, t == "a")',
      'input.tags.map(t, t)',
      'input.name.matches("a+")',
      'input.tags.join(",")',
      'cel.bind(x, 1, x)',
    ]) {
      expect(compileExpression(source).cost, source).toBe('unbounded');
    }
  });

  it('refuses data above the cap before evaluating', () => {
    const big = { ...scope, input: { text: 'x'.repeat(MAX_EXPRESSION_DATA_CHARS) } };
    expect(failure(() => evaluate('size(input.text)', big)).code).toBe('expression_data_too_large');
    // Data of steps the expression does not name is not counted.
    const other = {
      ...scope,
      steps: { ...scope.steps, huge: { output: 'x'.repeat(MAX_EXPRESSION_DATA_CHARS), status: 'succeeded' } },
    };
    expect(evaluate('steps.fetch.output.total', other)).toBe(3);
  });

  it('reports syntax errors, limits and bytes results with a code', () => {
    expect(failure(() => compileExpression('input.count +'))).toMatchObject({ code: 'expression_syntax', offset: 13 });
    expect(failure(() => compileExpression(Array.from({ length: 300 }, () => '1').join(' + '))).code).toBe(
      'expression_too_complex',
    );
    expect(failure(() => evaluate('b"abc"')).code).toBe('expression_result_not_json');
    expect(failure(() => evaluate('1 / 0')).code).toBe('expression_evaluation');
  });
});
