// Apart from the variable drafts (which check names with the contract's schema), so the pages that
// only show defaults (the run dialog, the chat) do not load the schema library for it.

/** The text form of a stored default. */
export function formatDefault(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
