import type { z } from 'zod';
import { zodFieldMessages } from './form-errors';
import { useFormErrors } from './useFormErrors';

/**
 * The state every schema-checked form keeps: a message per field and a banner, filled from the
 * schema's own check before sending and from the server's answer after, with focus moved to the
 * first problem either way. The form keeps its values; give `ref` to the `<form>`.
 */
export function useSchemaForm<S extends z.ZodType, K extends string>(schema: S, fields: readonly K[]) {
  const { showFieldErrors, ...form } = useFormErrors(fields);

  /** The parsed input, or null after the problems are shown beside their fields. */
  const validate = (input: z.input<S>): z.output<S> | null => {
    form.clearBanner();
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    showFieldErrors(zodFieldMessages<K>(parsed.error));
    return null;
  };

  return { ...form, validate };
}
