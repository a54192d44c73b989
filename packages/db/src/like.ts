/** Escapes LIKE wildcards (with `escape '\'`), so a search for "50%" matches the text, not everything. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching `text` anywhere. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;
