// Plain values (no schema library): the web app's pages read them without downloading zod.

/** The label that always follows the newest version; it cannot be moved by hand. */
export const LATEST_LABEL = 'latest';
/** Labels whose move needs `prompts:manage`, not just `prompts:update`. */
export const PROTECTED_LABELS: readonly string[] = ['production'];

/** The largest version number: versions are PostgreSQL `integer` columns. A larger number names no version. */
export const MAX_VERSION_NUMBER = 2_147_483_647;

/**
 * A version selector as written (`3`, `production`): all digits is a version number, anything else a
 * label. Null for a number no version can have (0, or beyond MAX_VERSION_NUMBER): the caller answers
 * "not found" without asking the database, which would refuse the number (a 500).
 */
export function parseVersionSelector(selector: number | string): { version: number } | { label: string } | null {
  if (typeof selector === 'string' && !/^\d+$/.test(selector)) return { label: selector };
  const version = Number(selector);
  return Number.isInteger(version) && version >= 1 && version <= MAX_VERSION_NUMBER ? { version } : null;
}
