import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After a failed submit, moves focus to the first invalid field, or else to the form's error
 * banner (`data-form-banner`), so keyboard and screen reader users land on the problem.
 */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [request, setRequest] = useState(0);

  useEffect(() => {
    if (request === 0 || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current.querySelector<HTMLElement>('[data-form-banner]');
    target?.focus();
  }, [request]);

  const focusFirstError = useCallback(() => setRequest((count) => count + 1), []);
  return { ref, focusFirstError };
}
