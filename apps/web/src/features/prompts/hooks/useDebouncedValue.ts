import { useEffect, useState } from 'react';
import { stableStringify } from '../../../lib/json';

/**
 * `value` once it has stopped changing for `delayMs`, and whether a newer value is still waiting.
 * Compared by content, so a caller may pass a freshly built object on every render without
 * restarting the timer.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): readonly [settled: T, pending: boolean] {
  const [settled, setSettled] = useState(value);
  const key = stableStringify(value);
  const settledKey = stableStringify(settled);

  useEffect(() => {
    if (key === settledKey) return undefined;
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
    // `value` is represented by `key`: a new object with the same content must not restart the wait.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, settledKey, delayMs]);

  return [settled, key !== settledKey] as const;
}
