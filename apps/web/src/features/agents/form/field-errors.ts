import type { FieldError } from '@agent-fleet/contracts';

/** First message per dotted path. */
export type FieldErrorMap = Record<string, string>;

export interface ResolvedErrors {
  byField: FieldErrorMap;
  /** Errors with no field to sit beside, shown in a banner. */
  unmatched: FieldError[];
}

/**
 * Places each error on the nearest field: `skills.2` lands on `skills`, `metadata.owner` on
 * `metadata`. An error whose path (or any parent) has no field is returned as unmatched.
 */
export function resolveFieldErrors(errors: readonly FieldError[], known: ReadonlySet<string>): ResolvedErrors {
  const byField: FieldErrorMap = {};
  const unmatched: FieldError[] = [];
  for (const error of errors) {
    const target = nearestKnown(error.path, known);
    if (target === undefined) unmatched.push(error);
    else byField[target] ??= error.message;
  }
  return { byField, unmatched };
}

function nearestKnown(path: string, known: ReadonlySet<string>): string | undefined {
  const segments = path === '' ? [] : path.split('.');
  while (segments.length > 0) {
    const candidate = segments.join('.');
    if (known.has(candidate)) return candidate;
    segments.pop();
  }
  return undefined;
}

/** Removes the errors at `path` and below it. */
export function clearErrorsUnder(errors: FieldErrorMap, path: string): FieldErrorMap {
  let changed = false;
  const next: FieldErrorMap = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === path || key.startsWith(`${path}.`)) changed = true;
    else next[key] = message;
  }
  return changed ? next : errors;
}
