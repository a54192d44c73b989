import type { VersionDiff } from '@agent-fleet/contracts';
import { diffLines } from 'diff';

/**
 * A line-by-line diff of two texts. A last line without its newline is the same line as with it:
 * otherwise appending a line to a text that ends without a newline (or adding that newline) would
 * show the unchanged last line as removed and added again.
 */
export function lineDiff(a: string, b: string): VersionDiff['body'] {
  return diffLines(a, b, { ignoreNewlineAtEof: true }).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({
        type: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('equal' as const),
        text,
      })),
  );
}
