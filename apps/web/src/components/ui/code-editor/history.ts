/** The document and its selection at one moment. */
export interface EditorSnapshot {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

/** Typing or deleting within this long of the previous change joins its undo step (as in CodeMirror). */
export const GROUP_DELAY_MS = 500;

/**
 * Undo and redo of the editor's own changes. The textarea's native history cannot be used: a change
 * made by the editor (a completion, `{%%}`) sets the value, which the browser's history does not record.
 */
export class EditHistory {
  private done: EditorSnapshot[] = [];
  private undone: EditorSnapshot[] = [];
  private last: { kind: string; at: number } | null = null;

  /**
   * Records a change about to replace `before`. Changes of the same `kind` ("type", "delete") in
   * quick succession make one step; any other change starts a step of its own.
   */
  record(before: EditorSnapshot, kind: string, at: number): void {
    const joins = this.last !== null && this.last.kind === kind && kind !== 'other' && at - this.last.at < GROUP_DELAY_MS;
    if (!joins) this.done.push(before);
    this.undone = [];
    this.last = { kind, at };
  }

  /** The state to go back to from `current`, or null when there is nothing to undo. */
  undo(current: EditorSnapshot): EditorSnapshot | null {
    const previous = this.done.pop();
    if (!previous) return null;
    this.undone.push(current);
    this.last = null;
    return previous;
  }

  redo(current: EditorSnapshot): EditorSnapshot | null {
    const next = this.undone.pop();
    if (!next) return null;
    this.done.push(current);
    this.last = null;
    return next;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.last = null;
  }
}
