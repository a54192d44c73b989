import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { placeErrors, zodFieldMessages, type FieldMessages } from './form-errors';
import { useFocusFirstError } from './useFocusFirstError';

/**
 * The state every schema-checked form keeps: a message per field and a banner, filled from the
 * schema's own check before sending and from the server's answer after, with focus moved to the
 * first problem either way. The form keeps its values; give `ref` to the `<form>`.
 */
export function useSchemaForm<S extends z.ZodType, K extends string>(schema: S, fields: readonly K[]) {
  const [errors, setErrors] = useState<FieldMessages<K>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const { ref, focusFirstError } = useFocusFirstError();

  /** The parsed input, or null after the problems are shown beside their fields. */
  const validate = (input: z.input<S>): z.output<S> | null => {
    setBanner(null);
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    setErrors(zodFieldMessages<K>(parsed.error));
    focusFirstError();
    return null;
  };

  /** Shows a refused submit: field errors beside their fields, anything else in the banner. */
  const showError = useCallback(
    (error: unknown) => {
      const placed = placeErrors(error, fields);
      setErrors(placed.byField);
      setBanner(placed.banner);
      focusFirstError();
    },
    [fields, focusFirstError],
  );

  /** Forgets a field's message, e.g. once it is edited. */
  const clearError = useCallback((field: K) => setErrors((current) => ({ ...current, [field]: undefined })), []);

  const reset = useCallback(() => {
    setErrors({});
    setBanner(null);
  }, []);

  return { ref, errors, banner, validate, showError, clearError, reset };
}
