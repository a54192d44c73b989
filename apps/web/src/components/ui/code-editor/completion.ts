/** One suggestion of the completion list. */
export interface Completion {
  label: string;
  /** Its kind, e.g. "keyword", "variable", "property": shown beside it. */
  type?: string;
  /** A short note shown after the label. */
  detail?: string;
  /** The text inserted instead of the label (e.g. "url: " for a key). */
  apply?: string;
}

/** Where completion was asked for. */
export interface CompletionContext {
  /** The whole document. */
  text: string;
  /** The cursor offset. */
  pos: number;
  /** Asked for with Ctrl-Space, rather than opened by typing. */
  explicit: boolean;
  /** The text before the cursor on its line that `pattern` (ending in `$`) matches, or null. */
  matchBefore: (pattern: RegExp) => { from: number; to: number; text: string } | null;
}

export interface CompletionResult {
  /** Where the replaced text starts; it ends at the cursor. */
  from: number;
  options: readonly Completion[];
  /** Characters typed after `from` that keep this result: anything else asks the source again. */
  validFor?: RegExp;
}

export type CompletionSource = (context: CompletionContext) => CompletionResult | null;

export function completionContext(text: string, pos: number, explicit: boolean): CompletionContext {
  return {
    text,
    pos,
    explicit,
    matchBefore(pattern) {
      const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
      const before = text.slice(lineStart, pos);
      const found = pattern.exec(before);
      if (!found || found.index + found[0].length !== before.length) return null;
      return { from: lineStart + found.index, to: pos, text: found[0] };
    },
  };
}

/** The most options the list shows at once. */
const MAX_OPTIONS = 100;

/**
 * The options that fit what was typed since `from`: labels starting with it first (case aside), then
 * labels containing it, each group in the source's order.
 */
export function filterOptions(options: readonly Completion[], typed: string): Completion[] {
  const query = typed.toLowerCase();
  if (query === '') return options.slice(0, MAX_OPTIONS);
  const starting: Completion[] = [];
  const containing: Completion[] = [];
  for (const option of options) {
    const label = option.label.toLowerCase();
    if (label === query) continue;
    if (label.startsWith(query)) starting.push(option);
    else if (label.includes(query)) containing.push(option);
  }
  return [...starting, ...containing].slice(0, MAX_OPTIONS);
}
