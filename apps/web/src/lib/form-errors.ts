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

export interface SubmitErrors<K extends string> {
  byField: FieldMessages<K>;
  /** What cannot sit beside a field: a server failure, or an error on a field the form lacks. */
  banner: string | null;
}

/** Splits a failed submission into messages beside the form's `fields` and one for a banner. */
export function submitErrors<K extends string>(error: unknown, fields: readonly K[]): SubmitErrors<K> {
  if (!isApiError(error) || error.fieldErrors.length === 0) return { byField: {}, banner: errorMessage(error) };
  const byField: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = fieldError.path.split('.')[0] ?? '';
    if ((fields as readonly string[]).includes(field)) byField[field] ??= fieldError.message;
    else unmatched.push(fieldError.message);
  }
  return { byField: byField as FieldMessages<K>, banner: unmatched.length > 0 ? unmatched.join(' ') : null };
}
