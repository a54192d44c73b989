import { compileExpression, evaluateCompiled, type CompiledExpression, type ExpressionScope } from './expression.js';
import { bareExpression, parseTemplate } from './templates.js';

/** Evaluates pipeline expressions and templates against a run's data. */
export interface ExpressionEvaluator {
  /** A bare expression (`if`, `until`, `items`, a concurrency key). Rejects with ExpressionError. */
  evaluate(source: string, scope: ExpressionScope): Promise<unknown>;
  /**
   * Every template of a JSON value (`with`, `outputs`, a `transform` value): a string that is exactly one
   * `${{ expr }}` becomes the result with its JSON type; `${{ }}` inside a longer string interpolates
   * (strings as they are, `null` as nothing, anything else as JSON).
   */
  render(value: unknown, scope: ExpressionScope): Promise<unknown>;
}

export interface ExpressionEvaluatorOptions {
  /**
   * Where `unbounded` expressions run (comprehensions, regular expressions …); the isolated evaluator
   * sends them to a worker with a hard time limit. Default: on this thread, which only the worker
   * itself and tests should use.
   */
  runUnbounded?: (source: string, scope: ExpressionScope) => Promise<unknown>;
  /** Compiled expressions kept for reuse. Default 1,000. */
  cacheSize?: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value));

export function createExpressionEvaluator(options: ExpressionEvaluatorOptions = {}): ExpressionEvaluator {
  const cacheSize = options.cacheSize ?? 1000;
  const cache = new Map<string, CompiledExpression>();
  const compiled = (source: string) => {
    let expression = cache.get(source);
    if (!expression) {
      expression = compileExpression(source);
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value ?? '');
      cache.set(source, expression);
    }
    return expression;
  };
  const run = async (source: string, scope: ExpressionScope): Promise<unknown> => {
    const expression = compiled(source);
    if (expression.cost === 'unbounded' && options.runUnbounded) return options.runUnbounded(source, scope);
    return evaluateCompiled(expression, scope);
  };
  const render = async (value: unknown, scope: ExpressionScope): Promise<unknown> => {
    if (typeof value === 'string') {
      const template = parseTemplate(value);
      if (template.kind === 'literal') return template.value;
      if (template.kind === 'whole') return run(template.expression.source, scope);
      const parts = await Promise.all(
        template.parts.map(async (part) => (typeof part === 'string' ? part : text(await run(part.source, scope)))),
      );
      return parts.join('');
    }
    if (Array.isArray(value)) return Promise.all(value.map((item) => render(item, scope)));
    if (value !== null && typeof value === 'object') {
      const entries = await Promise.all(
        Object.entries(value).map(async ([key, item]) => [key, await render(item, scope)] as const),
      );
      return Object.fromEntries(entries);
    }
    return value;
  };
  return {
    evaluate: (source, scope) => run(bareExpression(source).source, scope),
    render,
  };
}
