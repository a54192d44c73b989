import { errorMessage, isApiError } from '../../../lib/api-error';

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
  if (!isApiError(error) || error.fieldErrors.length === 0) return { ...feedback, general: errorMessage(error) };
  const other: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const name = fieldError.path.startsWith('variables.') ? fieldError.path.slice('variables.'.length) : undefined;
    if (!name) other.push(fieldError.message);
    else if (fieldError.message === 'is required' && !touched.has(name)) feedback.missing.push(name);
    else feedback.fieldErrors[name] ??= asSentence(fieldError.message);
  }
  return { ...feedback, general: other.length > 0 ? other.join(' ') : undefined };
}
