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

/**
 * Why `text` is not JSON, in words for people: where it stops making sense (line and column), never
 * the engine's own message ("Unexpected token } in JSON at position 12"), which varies by browser.
 * Null when the text parses.
 */
export function jsonSyntaxProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /position (\d+)/.exec(message)?.[1];
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    let where = '';
    if (lineColumn) where = ` near line ${lineColumn[1]}, column ${lineColumn[2]}`;
    else if (position !== undefined) {
      const before = text.slice(0, Number(position)).split('\n');
      where = ` near line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    } else if (/end of (JSON|data)|Unexpected end/i.test(message)) where = ': it ends too early';
    return `This is not valid JSON${where}. Keys and text need double quotes, e.g. {"team": "support"}, and items are separated by commas.`;
  }
}
