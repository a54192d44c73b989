import { useCallback, useState } from 'react';
import { placeErrors, type FieldMessages } from './form-errors';
import { useFocusFirstError } from './useFocusFirstError';

/**
 * The error state of a form the server checks: a message per field and a banner, filled from a refused
 * submit, with focus moved to the first problem. The form keeps its values; give `ref` to the `<form>`.
 * Forms that check a schema before sending build on it with `useSchemaForm`.
 */
export function useFormErrors<K extends string>(fields: readonly K[]) {
  const [errors, setErrors] = useState<FieldMessages<K>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const { ref, focusFirstError } = useFocusFirstError();

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

  /** Shows problems the form found before sending, beside their fields. */
  const showFieldErrors = useCallback(
    (messages: FieldMessages<K>) => {
      setErrors(messages);
      focusFirstError();
    },
    [focusFirstError],
  );

  /** Hides the banner, e.g. as the form is sent again. */
  const clearBanner = useCallback(() => setBanner(null), []);

  /** Forgets a field's message, e.g. once it is edited. */
  const clearError = useCallback((field: K) => setErrors((current) => ({ ...current, [field]: undefined })), []);

  const reset = useCallback(() => {
    setErrors({});
    setBanner(null);
  }, []);

  return { ref, errors, banner, showError, showFieldErrors, clearBanner, clearError, reset };
}
