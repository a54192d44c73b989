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

export const hasChanges = (lines: readonly DiffLine[]): boolean => lines.some((line) => line.type !== 'equal');
