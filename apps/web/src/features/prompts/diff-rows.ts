import type { VersionDiff } from '@agent-fleet/contracts';

export type DiffLine = VersionDiff['body'][number];

/** One row of a side-by-side diff: the old line on the left, the new one on the right; null pads. */
export interface SplitRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

/**
 * Pairs a unified diff into side-by-side rows: unchanged lines face each other, and a block of
 * removed lines faces the block of added lines that replaced it.
 */
export function toSplitRows(lines: readonly DiffLine[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (!line) break;
    if (line.type === 'equal') {
      rows.push({ left: line, right: line });
      index += 1;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (lines[index]?.type === 'removed') removed.push(lines[index++] as DiffLine);
    while (lines[index]?.type === 'added') added.push(lines[index++] as DiffLine);
    for (let row = 0; row < Math.max(removed.length, added.length); row++) {
      rows.push({ left: removed[row] ?? null, right: added[row] ?? null });
    }
  }
  return rows;
}

/**
 * Lines compared by the server keep their newline, so a last line that only gained or lost its
 * trailing newline comes back as removed and added with the same text. Such a pair is the same line
 * to a reader: it is shown unchanged.
 */
export function withoutNewlineOnlyChanges(lines: readonly DiffLine[]): DiffLine[] {
  const result: DiffLine[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as DiffLine;
    if (line.type === 'equal') {
      result.push(line);
      index += 1;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (lines[index]?.type === 'removed') removed.push(lines[index++] as DiffLine);
    while (lines[index]?.type === 'added') added.push(lines[index++] as DiffLine);
    const same: DiffLine[] = [];
    while (removed.length > 0 && removed.at(-1)?.text === added.at(-1)?.text) {
      same.unshift({ type: 'equal', text: (removed.pop() as DiffLine).text });
      added.pop();
    }
    result.push(...removed, ...added, ...same);
  }
  return result;
}

export const hasChanges = (lines: readonly DiffLine[]): boolean => lines.some((line) => line.type !== 'equal');
