import type { FieldError } from '@agent-fleet/contracts';
import { isApiError } from '../../../lib/api-error';
import { placeErrors, placeFieldErrors } from '../../../lib/form-errors';

/** The engine words variable problems as predicates ("is required"); beside a field they read as sentences. */
const asSentence = (message: string): string =>
  message === 'is required' ? 'Required' : message.charAt(0).toUpperCase() + message.slice(1);

export interface RenderFeedback {
  /** Shown beside the fields, by variable name. */
  fieldErrors: Record<string, string>;
  /** Required variables not filled in yet, named in the output area rather than flagged red. */
  missing: string[];
  /** Why the render failed when it is not about one variable (a template that does not render, a server failure). */
  general: string | undefined;
}

/**
 * Sorts a failed render or preview for the playground: problems with typed values go beside their
 * fields; a required variable nobody has touched yet is not an error, just something still to fill in.
 */
export function renderFeedback(
  error: unknown,
  touched: ReadonlySet<string>,
  localErrors: Readonly<Record<string, string>>,
): RenderFeedback {
  const feedback: RenderFeedback = { fieldErrors: { ...localErrors }, missing: [], general: undefined };
  if (error === null || error === undefined) return feedback;
  const variableOf = (path: string) => (path.startsWith('variables.') ? path.slice('variables.'.length) : undefined);
  // A required variable nobody has touched is named in the output area, not placed beside its field.
  const untouchedRequired = (fieldError: FieldError) => {
    const name = variableOf(fieldError.path);
    return name !== undefined && fieldError.message === 'is required' && !touched.has(name);
  };
  const fieldErrors = isApiError(error) ? error.fieldErrors : [];
  const missing = fieldErrors.filter(untouchedRequired);
  const placed =
    fieldErrors.length === 0
      ? placeErrors(error, variableOf)
      : placeFieldErrors(
          fieldErrors.filter((e) => !untouchedRequired(e)),
          variableOf,
        );
  for (const [name, message] of Object.entries(placed.byField)) feedback.fieldErrors[name] ??= asSentence(message ?? '');
  return {
    ...feedback,
    missing: missing.map((fieldError) => variableOf(fieldError.path) ?? ''),
    general: placed.banner ?? undefined,
  };
}
