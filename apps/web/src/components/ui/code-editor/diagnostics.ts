/** A problem at a 1-based line and column, as servers and compilers report them. */
export interface CodeDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
}

/** A diagnostic placed in the document: offsets of the marked text. */
export interface PlacedDiagnostic {
  from: number;
  to: number;
  severity: CodeDiagnostic['severity'];
  message: string;
}

const IDENTIFIER_CHAR = /[\w-]/;
const TAG_CLOSE: Record<string, string> = { '{{': '}}', '{%': '%}' };

/** Offsets where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/**
 * Document offsets of a 1-based line and column, widened to what starts there: a whole `{{ … }}` or
 * `{% … %}` on that line, else the word, else one character.
 */
export function diagnosticRange(text: string, line: number, column: number): { from: number; to: number } {
  const starts = lineStarts(text);
  const index = Math.min(Math.max(1, line), starts.length) - 1;
  const lineFrom = starts[index] ?? 0;
  const lineTo = index + 1 < starts.length ? (starts[index + 1] ?? text.length) - 1 : text.length;
  const from = Math.min(lineFrom + Math.max(0, column - 1), lineTo);
  const close = TAG_CLOSE[text.slice(from, from + 2)];
  const end = close === undefined ? -1 : text.slice(from, lineTo).indexOf(close);
  if (close !== undefined && end >= 0) return { from, to: from + end + close.length };
  let to = from;
  while (to < lineTo && IDENTIFIER_CHAR.test(text.charAt(to))) to += 1;
  if (to === from) to = Math.min(from + 1, lineTo);
  return { from, to };
}

export const placeDiagnostics = (text: string, diagnostics: readonly CodeDiagnostic[]): PlacedDiagnostic[] =>
  diagnostics.map((diagnostic) => ({
    ...diagnosticRange(text, diagnostic.line, diagnostic.column),
    severity: diagnostic.severity,
    message: diagnostic.message,
  }));

/**
 * Moves markers with an edit from `before` to `after` (one changed stretch, found by the common start
 * and end): text before the change keeps its markers, text after it shifts, and a marker whose text
 * was deleted goes.
 */
export function mapDiagnostics(marks: readonly PlacedDiagnostic[], before: string, after: string): PlacedDiagnostic[] {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let end = 0;
  while (end < shortest - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end))
    end += 1;
  const changedTo = before.length - end;
  const shift = after.length - before.length;
  const map = (offset: number) => (offset <= start ? offset : offset >= changedTo ? offset + shift : start);
  return marks.map((mark) => ({ ...mark, from: map(mark.from), to: map(mark.to) })).filter((mark) => mark.to > mark.from);
}
