// Plain values (no schema library): the web app's pages read them without downloading zod.

/** The label that always follows the newest version; it cannot be moved by hand. */
export const LATEST_LABEL = 'latest';
/** Labels whose move needs `prompts:manage`, not just `prompts:update`. */
export const PROTECTED_LABELS: readonly string[] = ['production'];
