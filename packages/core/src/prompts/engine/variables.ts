/** The types a prompt variable can declare. `list` is any JSON array, `object` any JSON object. */
export type VariableType = 'string' | 'number' | 'boolean' | 'enum' | 'list' | 'object';

export const VARIABLE_TYPES: readonly VariableType[] = ['string', 'number', 'boolean', 'enum', 'list', 'object'];

/** One declared template variable. */
export interface VariableDeclaration {
  /** A Liquid identifier: letters, digits, `_` and `-`, not starting with a digit or `__`. */
  name: string;
  type: VariableType;
  /** A required variable must be given a value unless it has a `default`. */
  required: boolean;
  /** Used when no value (or `null`) is given; must itself match `type`. */
  default?: unknown;
  description?: string;
  /** The allowed values of an `enum`. */
  options?: string[];
}

export interface VariableProblem {
  variable: string;
  message: string;
}

export interface VariableValidation {
  /** The given values with declared defaults filled in; undeclared values pass through untouched. */
  values: Record<string, unknown>;
  problems: VariableProblem[];
}

/**
 * Checks values against their declarations before a render: every required variable is present
 * (or has a default) and every given value matches its declared type. No coercion: `"3"` is not a
 * number, because a silently converted value hides a caller's bug.
 */
export function validateVariables(
  declarations: readonly VariableDeclaration[],
  values: Record<string, unknown>,
): VariableValidation {
  const result: Record<string, unknown> = { ...values };
  const problems: VariableProblem[] = [];
  for (const declaration of declarations) {
    const given = Object.hasOwn(values, declaration.name) ? values[declaration.name] : undefined;
    if (given === undefined || given === null) {
      if (declaration.default !== undefined) {
        result[declaration.name] = structuredClone(declaration.default);
      } else if (declaration.required) {
        problems.push({ variable: declaration.name, message: 'is required' });
      }
      continue;
    }
    const problem = typeProblem(declaration, given);
    if (problem) problems.push({ variable: declaration.name, message: problem });
  }
  return { values: result, problems };
}

/** Why `value` does not fit `declaration`, or `undefined` when it does. */
export function typeProblem(declaration: VariableDeclaration, value: unknown): string | undefined {
  switch (declaration.type) {
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string, got ${describe(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a finite number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${describe(value)}`;
    case 'enum': {
      const options = declaration.options ?? [];
      if (typeof value === 'string' && options.includes(value)) return undefined;
      return `must be one of ${options.map((option) => JSON.stringify(option)).join(', ')}, got ${describe(value)}`;
    }
    case 'list':
      return Array.isArray(value) ? undefined : `must be a list, got ${describe(value)}`;
    case 'object':
      return isRecord(value) ? undefined : `must be an object, got ${describe(value)}`;
    default:
      return `has an unknown type "${String(declaration.type as unknown)}"`;
  }
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : `a ${typeof value}`;
}
