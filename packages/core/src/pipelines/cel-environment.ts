import { Environment, type Limits, type ObjectSchema } from '@marcbachmann/cel-js';

/**
 * The CEL environments of pipeline expressions. Parse-time limits keep every expression small; the
 * variables are exactly the documented scope (`input`, `steps`, `item`, `index`, `run`): anything else
 * (`process`, `globalThis` …) is an unknown variable, and member access on data never reaches a
 * prototype (`constructor`, `__proto__` are "no such key").
 */

/** Parse-time limits of one expression. */
export const EXPRESSION_LIMITS: Partial<Limits> = {
  maxAstNodes: 200,
  maxDepth: 32,
  maxListElements: 100,
  maxMapEntries: 100,
  maxCallArguments: 8,
};

const ARITHMETIC = {
  '+': (a: number, b: number) => a + b,
  '-': (a: number, b: number) => a - b,
  '*': (a: number, b: number) => a * b,
  '/': (a: number, b: number) => a / b,
  '%': (a: number, b: number) => a % b,
} as const;

/**
 * JSON has one number type, so every number of the data is a CEL `double`, and a literal `2` is an
 * `int`: CEL has no `double * int`, and `input.count * 2` would fail. Mixed arithmetic is therefore
 * registered, computed in doubles. (Mixed comparisons and equality are already part of CEL.)
 */
function registerMixedArithmetic(env: Environment): Environment {
  for (const [op, apply] of Object.entries(ARITHMETIC)) {
    env.registerOperator(`double ${op} int`, (left: number, right: bigint) => apply(left, Number(right)));
    env.registerOperator(`int ${op} double`, (left: bigint, right: number) => apply(Number(left), right));
  }
  return env;
}

/** The variables a scope declares, as cel-js types or object schemas. */
export type ScopeDeclarations = Record<string, string | ObjectSchema>;

/** The fields of `run`. */
export const RUN_SCHEMA = { id: 'string', pipeline: 'string', version: 'int', label: 'string', priority: 'int' } as const;

const base = registerMixedArithmetic(
  new Environment({
    limits: EXPRESSION_LIMITS,
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
  }),
);

/** An environment declaring `variables` (a schema object gives typed fields; `dyn` anything). */
export function scopeEnvironment(variables: ScopeDeclarations): Environment {
  const env = base.clone();
  for (const [name, type] of Object.entries(variables)) {
    if (typeof type === 'string') env.registerVariable(name, type);
    else env.registerVariable({ name, schema: type });
  }
  return env;
}

/** The runtime environment: every scope variable, all dynamic (types were checked at compile time). */
export const runtimeEnvironment = scopeEnvironment({ input: 'dyn', steps: 'dyn', item: 'dyn', index: 'int', run: 'dyn' });
