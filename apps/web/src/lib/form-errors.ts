import type { FieldError } from '@agent-fleet/contracts';
import type { z } from 'zod';
import { errorMessage, isApiError } from './api-error';

/** First message per field name. */
export type FieldMessages<K extends string = string> = Partial<Record<K, string>>;

/** The first message for each top-level field of a failed zod parse. */
export function zodFieldMessages<K extends string>(error: z.ZodError): FieldMessages<K> {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    messages[field] ??= issue.message;
  }
  return messages as FieldMessages<K>;
}

/** The form field an error's dotted path belongs to, or undefined when the form shows none for it. */
export type FieldOf<K extends string> = (path: string) => K | undefined;

/** The fields are the request's top-level properties: `model.temperature` lands on `model`. */
export const topLevelField =
  <K extends string>(fields: readonly K[]): FieldOf<K> =>
  (path) => {
    const head = path.split('.')[0] ?? '';
    return (fields as readonly string[]).includes(head) ? (head as K) : undefined;
  };

/** The fields are dotted paths: an error lands on the nearest one at or above it (`skills.2` on `skills`). */
export const nearestField =
  (known: ReadonlySet<string>): FieldOf<string> =>
  (path) => {
    const segments = path === '' ? [] : path.split('.');
    for (; segments.length > 0; segments.pop()) {
      const candidate = segments.join('.');
      if (known.has(candidate)) return candidate;
    }
    return undefined;
  };

export interface PlacedErrors<K extends string> {
  /** Beside each field, its first problem. */
  byField: FieldMessages<K>;
  /** Field errors the form has no field for. */
  unmatched: FieldError[];
  /**
   * What cannot sit beside a field, as one line: the failure itself when it names no fields (a conflict, a
   * server error), else the unmatched problems; null when every problem sits beside a field.
   */
  banner: string | null;
}

/** Sorts field errors (the server's, or the form's own checks) onto the fields `fieldOf` names. */
export function placeFieldErrors<K extends string>(fieldErrors: readonly FieldError[], fieldOf: FieldOf<K>): PlacedErrors<K> {
  const byField: FieldMessages<K> = {};
  const unmatched: FieldError[] = [];
  for (const fieldError of fieldErrors) {
    const field = fieldOf(fieldError.path);
    if (field === undefined) unmatched.push(fieldError);
    else byField[field] ??= fieldError.message;
  }
  return { byField, unmatched, banner: unmatched.length > 0 ? unmatched.map((error) => error.message).join(' ') : null };
}

/**
 * The one way a failed request reaches a form: its field errors beside the fields `fieldOf` names
 * (a list of top-level field names will do), and the rest in a banner.
 */
export function placeErrors<K extends string>(error: unknown, fieldOf: FieldOf<K> | readonly K[]): PlacedErrors<K> {
  if (!isApiError(error) || error.fieldErrors.length === 0) return { byField: {}, unmatched: [], banner: errorMessage(error) };
  return placeFieldErrors(error.fieldErrors, typeof fieldOf === 'function' ? fieldOf : topLevelField(fieldOf));
}
