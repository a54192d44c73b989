let lastKey = 0;

/** A React key for a row the user can add, remove and reorder; unique for the page's lifetime. */
export const newDraftKey = (): string => `draft-${++lastKey}`;
