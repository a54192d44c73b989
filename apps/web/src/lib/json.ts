/**
 * JSON with object keys sorted at every depth, so two values that differ only in key order
 * serialize the same. Used to tell whether a form field really changed.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

/** Pretty JSON for display and editing. */
export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2);
