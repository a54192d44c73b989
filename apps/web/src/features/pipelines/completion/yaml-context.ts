/**
 * Where the cursor is in a block-style YAML document, found from indentation alone: enough for
 * completion while the text is half-typed and may not parse. Flow collections (`{…}`, `[…]`) and
 * multi-line strings are not understood; completion simply offers nothing useful there.
 */
export interface YamlCursor {
  /** Typing a mapping key, or a value after `key: `, or an item after `- `. */
  kind: 'key' | 'value' | 'item';
  /** Keys from the document's top down to the mapping the cursor is in (for `value`, not including `key`). */
  path: string[];
  /** For `value`: the key whose value is being typed. */
  key?: string;
  /** The word typed so far, which a completion replaces. */
  prefix: string;
  /** Scalar values of the other keys of the same mapping, e.g. `{ type: 'prompt' }` to pick a step's variant. */
  siblings: Record<string, string>;
}

const KEY_LINE = /^(\s*)(?:-\s+)?([\w$-]+)\s*:(?:\s+(.*))?$/;

const indentOf = (line: string) => /^\s*/.exec(line)?.[0].length ?? 0;
const isBlank = (line: string) => line.trim() === '' || line.trim().startsWith('#');
/** A scalar value without a trailing comment or quotes. */
const scalar = (raw: string | undefined) =>
  (raw ?? '')
    .replace(/\s+#.*$/, '')
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2');

/** The keys enclosing a line at `indent`: each earlier line with less indentation that opens a mapping. */
function parentPath(lines: readonly string[], lineIndex: number, indent: number): string[] {
  const path: string[] = [];
  let current = indent;
  for (let index = lineIndex - 1; index >= 0 && current > 0; index -= 1) {
    const line = lines[index] ?? '';
    if (isBlank(line)) continue;
    const lineIndent = indentOf(line);
    if (lineIndent >= current) continue;
    const match = KEY_LINE.exec(line);
    if (!match?.[2]) continue;
    path.unshift(match[2]);
    current = lineIndent;
  }
  return path;
}

/** `key: value` lines at exactly `indent` in the block around `lineIndex`, the cursor's own line excluded. */
function siblingsOf(lines: readonly string[], lineIndex: number, indent: number): Record<string, string> {
  const siblings: Record<string, string> = {};
  const collect = (step: 1 | -1) => {
    for (let index = lineIndex + step; index >= 0 && index < lines.length; index += step) {
      const line = lines[index] ?? '';
      if (isBlank(line)) continue;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) return;
      const match = lineIndent === indent ? KEY_LINE.exec(line) : null;
      if (match?.[2]) siblings[match[2]] = scalar(match[3]);
    }
  };
  collect(-1);
  collect(1);
  return siblings;
}

/** Reads the cursor's context at `offset` of `text`; null inside a comment or where nothing completes. */
export function yamlCursorAt(text: string, offset: number): YamlCursor | null {
  const lines = text.split('\n');
  const before = text.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const linePrefix = before.slice(before.lastIndexOf('\n') + 1);
  if (linePrefix.includes('#')) return null;

  const item = /^(\s*)-\s+([\w.@$-]*)$/.exec(linePrefix);
  if (item) {
    const indent = item[1]?.length ?? 0;
    return { kind: 'item', path: parentPath(lines, lineIndex, indent + 1), prefix: item[2] ?? '', siblings: {} };
  }
  // An item of a one-line list, `needs: [a, b`: the list's key joins the path.
  const flowItem = /^(\s*)(?:-\s+)?([\w$-]+)\s*:\s*\[(?:[^\]]*,)?\s*([\w.@$-]*)$/.exec(linePrefix);
  if (flowItem) {
    const indent = (flowItem[1]?.length ?? 0) + (linePrefix.trimStart().startsWith('-') ? 2 : 0);
    return {
      kind: 'item',
      path: [...parentPath(lines, lineIndex, indent), flowItem[2] ?? ''],
      prefix: flowItem[3] ?? '',
      siblings: {},
    };
  }
  const value = /^(\s*)(?:-\s+)?([\w$-]+)\s*:\s+([\w.@$-]*)$/.exec(linePrefix);
  if (value) {
    const indent = (value[1]?.length ?? 0) + (linePrefix.trimStart().startsWith('-') ? 2 : 0);
    return {
      kind: 'value',
      path: parentPath(lines, lineIndex, indent),
      key: value[2] ?? '',
      prefix: value[3] ?? '',
      siblings: siblingsOf(lines, lineIndex, indent),
    };
  }
  const key = /^(\s*)([\w$-]*)$/.exec(linePrefix);
  if (key) {
    const indent = key[1]?.length ?? 0;
    return {
      kind: 'key',
      path: parentPath(lines, lineIndex, indent),
      prefix: key[2] ?? '',
      siblings: siblingsOf(lines, lineIndex, indent),
    };
  }
  return null;
}

/** The ids of the top-level `steps:` mapping: its keys at the first indentation under it. */
export function stepIdsOf(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^steps\s*:\s*(#.*)?$/.test(line));
  if (start < 0) return [];
  const ids: string[] = [];
  let indent: number | null = null;
  for (const line of lines.slice(start + 1)) {
    if (isBlank(line)) continue;
    const lineIndent = indentOf(line);
    if (lineIndent === 0) break;
    indent ??= lineIndent;
    const match = lineIndent === indent ? KEY_LINE.exec(line) : null;
    if (match?.[2]) ids.push(match[2]);
  }
  return ids;
}
