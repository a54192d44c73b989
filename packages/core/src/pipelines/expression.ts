import { EvaluationError, Optional, ParseError, type ASTNode, type Environment, type ParseResult } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { runtimeEnvironment } from './cel-environment.js';

/** How many characters of JSON the data an expression reads may have (its `input`, the steps it names, `item`). */
export const MAX_EXPRESSION_DATA_CHARS = 1_000_000;
/** How deep the data an expression reads may nest; JSON from an HTTP step can be nested arbitrarily deep. */
export const MAX_EXPRESSION_DATA_DEPTH = 64;
/** How many characters of JSON an expression's result may have. */
export const MAX_EXPRESSION_RESULT_CHARS = 1_000_000;

export type ExpressionErrorCode =
  | 'expression_syntax'
  | 'expression_too_complex'
  | 'expression_type'
  | 'expression_scope'
  | 'expression_data_too_large'
  | 'expression_result_not_json'
  | 'expression_result_too_large'
  | 'expression_evaluation'
  | 'expression_timeout'
  | 'expression_out_of_memory';

export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
    /** Offset in the expression's source, when known. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * Calls whose work is not bounded by the size of the data times the size of the expression:
 * comprehensions multiply (a nested `exists` over 2,000 items is 4 million steps, 1.4 s), `matches` runs
 * a regular expression (backtracking), `join` flattens strings a comprehension multiplied, and `cel.bind`
 * names a value so it can be doubled again and again. Expressions using them are `unbounded` and run
 * where a hard time limit can stop them (see isolated-expressions.ts).
 */
const UNBOUNDED_CALLS = new Set(['all', 'exists', 'exists_one', 'map', 'filter', 'matches', 'join', 'bind']);

/** A parsed, checked expression, ready to evaluate many times. */
export interface CompiledExpression {
  source: string;
  /** Step ids the expression reads (`steps.<id>`); only their data is passed in. */
  steps: string[];
  /** Whether its work is bounded by data size × expression size (safe on the event loop). */
  cost: 'bounded' | 'unbounded';
  evaluate: ParseResult;
}

/** Depth-first walk of a cel-js AST. */
export function walkAst(node: ASTNode, visit: (node: ASTNode) => void): void {
  visit(node);
  const children: unknown[] = Array.isArray(node.args) ? node.args.flat(2) : [node.args];
  for (const child of children) {
    if (child !== null && typeof child === 'object' && 'op' in child) walkAst(child as ASTNode, visit);
  }
}

function errorOffset(error: { range?: { start: number } | undefined }): number | undefined {
  return error.range?.start;
}

function analyse(ast: ASTNode): { steps: string[]; cost: CompiledExpression['cost'] } {
  const steps = new Set<string>();
  let cost: CompiledExpression['cost'] = 'bounded';
  const bareSteps: ASTNode[] = [];
  const named = new Set<ASTNode>();
  walkAst(ast, (node) => {
    if (node.op === 'id' && node.args === 'steps') bareSteps.push(node);
    if ((node.op === '.' || node.op === '.?') && node.args[0].op === 'id' && node.args[0].args === 'steps') {
      steps.add(node.args[1]);
      named.add(node.args[0]);
    }
    if (node.op === 'rcall' && UNBOUNDED_CALLS.has(node.args[0])) cost = 'unbounded';
    if (node.op === 'call' && UNBOUNDED_CALLS.has(node.args[0])) cost = 'unbounded';
  });
  const bare = bareSteps.find((node) => !named.has(node));
  if (bare) throw new ExpressionError('expression_scope', 'Name the step you read: steps.<id>', bare.range.start);
  return { steps: [...steps], cost };
}

/**
 * Parses an expression (within the parse-time limits), refuses what the scope does not allow, and
 * classifies its cost. Types are not checked here: the compiler checks them against the pipeline's
 * declared types (see `checkExpressionType`), and at run time every variable is `dyn`.
 */
export function compileExpression(source: string): CompiledExpression {
  let parsed: ParseResult;
  try {
    parsed = runtimeEnvironment.parse(source);
  } catch (error) {
    if (error instanceof ParseError) {
      const tooComplex = error.code === 'limit_exceeded';
      throw new ExpressionError(tooComplex ? 'expression_too_complex' : 'expression_syntax', error.summary, errorOffset(error));
    }
    throw error;
  }
  const { steps, cost } = analyse(parsed.ast);
  const checked = parsed.check();
  if (!checked.valid) {
    const error = checked.error;
    throw new ExpressionError('expression_type', error?.summary ?? 'Type error', error ? errorOffset(error) : undefined);
  }
  return { source, steps, cost, evaluate: parsed };
}

/** Type-checks `source` in `env` and returns its result type (`dyn` when unknown). */
export function checkExpressionType(source: string, env: Environment): string {
  const checked = env.check(source);
  if (checked.valid) return checked.type ?? 'dyn';
  const error = checked.error;
  throw new ExpressionError('expression_type', error?.summary ?? 'Type error', error ? errorOffset(error) : undefined);
}

/** What an expression may read. Step data is `{ output, status }` per step id. */
export interface ExpressionScope {
  input: Record<string, unknown>;
  steps: Record<string, { output: unknown; status: string }>;
  item?: unknown;
  index?: number;
  run?: { id: string; pipeline: string; version: number; label?: string; priority?: number };
}

/** Whether `value` nests deeper than `limit`; iterative, so no depth exhausts the stack (JSON.stringify's would). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const item of Object.values(current)) pending.push([item, depth + 1]);
  }
  return false;
}

/** The CEL context of `expression`: only the steps it names, numbers CEL wants as `int` as BigInt. */
function celContext(expression: CompiledExpression, scope: ExpressionScope): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  for (const id of expression.steps) if (Object.hasOwn(scope.steps, id)) steps[id] = scope.steps[id];
  const context: Record<string, unknown> = { input: scope.input, steps };
  if ('item' in scope) context.item = scope.item;
  if (scope.index !== undefined) context.index = BigInt(scope.index);
  if (scope.run) {
    const { version, priority, ...rest } = scope.run;
    context.run = { ...rest, version: BigInt(version), priority: BigInt(priority ?? 0) };
  }
  const data = { input: context.input, steps, item: context.item };
  if (nestedDeeperThan(data, MAX_EXPRESSION_DATA_DEPTH)) {
    throw new ExpressionError(
      'expression_data_too_large',
      `The data this expression reads nests deeper than ${MAX_EXPRESSION_DATA_DEPTH} levels`,
    );
  }
  const size = JSON.stringify(data).length;
  if (size > MAX_EXPRESSION_DATA_CHARS) {
    throw new ExpressionError(
      'expression_data_too_large',
      `The data this expression reads is ${size} characters of JSON; at most ${MAX_EXPRESSION_DATA_CHARS} are allowed`,
    );
  }
  return context;
}

/** A CEL value as JSON: ints become numbers, timestamps ISO strings, durations `"90s"`; bytes are refused. */
export function celToJson(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ExpressionError('expression_result_not_json', `${value} is not a JSON number`);
    return value;
  }
  if (typeof value === 'bigint') {
    const number = Number(value);
    if (!Number.isSafeInteger(number))
      throw new ExpressionError('expression_result_not_json', `${value} is too large for a JSON number`);
    return number;
  }
  if (value instanceof UnsignedInt) return celToJson(value.valueOf());
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Duration) return `${Number(value.seconds) + value.nanos / 1e9}s`;
  if (value instanceof Optional) return value.hasValue() ? celToJson(value.value()) : null;
  if (value instanceof Uint8Array)
    throw new ExpressionError('expression_result_not_json', 'Bytes are not JSON; use .base64() or .string()');
  if (Array.isArray(value)) return value.map(celToJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), celToJson(item)]));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, celToJson(item)]));
  }
  throw new ExpressionError('expression_result_not_json', 'The result is not a JSON value');
}

/** Evaluates on this thread. Only for `bounded` expressions on the server (see isolated-expressions.ts). */
export function evaluateCompiled(expression: CompiledExpression, scope: ExpressionScope): unknown {
  const context = celContext(expression, scope);
  let result: unknown;
  try {
    result = expression.evaluate(context);
  } catch (error) {
    if (error instanceof EvaluationError) throw new ExpressionError('expression_evaluation', error.summary, errorOffset(error));
    if (error instanceof RangeError)
      throw new ExpressionError('expression_evaluation', 'The expression ran out of memory or stack');
    throw error;
  }
  const json = celToJson(result);
  const size = JSON.stringify(json).length;
  if (size > MAX_EXPRESSION_RESULT_CHARS) {
    throw new ExpressionError(
      'expression_result_too_large',
      `The result is ${size} characters of JSON; at most ${MAX_EXPRESSION_RESULT_CHARS} are allowed`,
    );
  }
  return json;
}
