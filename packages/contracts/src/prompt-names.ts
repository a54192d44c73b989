// Plain values (no schema library): prompts.ts builds its schemas from them, and the web app's prompt
// editor checks names as they are typed without downloading zod.

/** Template names: letters, digits, ".", "_" or "-", starting with a letter or digit; no slashes (folders are the `category`). */
export const PROMPT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const PROMPT_NAME_MAX_LENGTH = 100;
/** Path segments of the prompts API that a template name would shadow. */
export const RESERVED_PROMPT_NAMES: readonly string[] = ['analyze', 'preview', 'export', 'import'];

/** A folder path of lowercase segments, e.g. `support/triage`; empty for none. */
export const CATEGORY_PATTERN = /^$|^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;
export const CATEGORY_MAX_LENGTH = 200;

/** Variable names: letters, digits, "_" or "-", starting with a letter or "_", at most 64; `__` is reserved. */
export const VARIABLE_NAME_PATTERN = /^(?!__)[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
