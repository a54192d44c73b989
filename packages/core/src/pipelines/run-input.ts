import type { InputDeclaration, PipelineIssue } from '@agent-fleet/contracts';

export type RunInputResult = { ok: true; value: Record<string, unknown> } | { ok: false; issues: PipelineIssue[] };

/** Why `value` does not fit the declared input type, or undefined when it does. */
export function inputValueProblem(declaration: InputDeclaration, value: unknown): string | undefined {
  switch (declaration.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'Expected a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Expected true or false';
    case 'enum':
      return typeof value === 'string' && (declaration.options ?? []).includes(value)
        ? undefined
        : `Expected one of ${(declaration.options ?? []).map((option) => `"${option}"`).join(', ')}`;
    case 'list':
      return Array.isArray(value) ? undefined : 'Expected a list';
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'Expected an object';
  }
}

/**
 * Checks a run's input against the pipeline's declared inputs and fills in defaults. Every problem is
 * listed (`input.<name>`): a required input that is missing, a value of the wrong type, an input the
 * pipeline does not declare. An optional input without a default stays absent (expressions test it with
 * `has(input.name)`).
 */
export function validateRunInput(inputs: Record<string, InputDeclaration> | undefined, input: unknown): RunInputResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: [{ path: 'input', message: 'The input is an object of named values', code: 'invalid' }] };
  }
  const declared = inputs ?? {};
  const given = input as Record<string, unknown>;
  const issues: PipelineIssue[] = Object.keys(given)
    .filter((name) => !Object.hasOwn(declared, name))
    .map((name) => ({ path: `input.${name}`, message: `The pipeline has no input "${name}"`, code: 'unknown_input' }));
  const value: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    const provided = Object.hasOwn(given, name) ? given[name] : undefined;
    const effective = provided ?? declaration.default;
    if (effective === undefined) {
      if (declaration.required)
        issues.push({ path: `input.${name}`, message: `The input "${name}" is required`, code: 'missing_input' });
      continue;
    }
    const problem = inputValueProblem(declaration, effective);
    if (problem) issues.push({ path: `input.${name}`, message: problem, code: 'invalid' });
    else value[name] = effective;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
