import type { FieldMessages } from '../../../lib/form-errors';

/** First message per dotted path. */
export type FieldErrorMap = FieldMessages;

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
