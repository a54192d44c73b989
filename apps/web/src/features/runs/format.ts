import type { PipelineRun } from '@agent-fleet/contracts';
import { formatElapsed } from '../../lib/format';

/** `triage@production (v3)` or `triage v3`: what ran, as the user started it. */
export const runRef = (run: Pick<PipelineRun, 'pipelineName' | 'version' | 'label'>): string =>
  run.label ? `${run.pipelineName}@${run.label} (v${run.version})` : `${run.pipelineName} v${run.version}`;

/** The first block of the id: enough to tell runs apart in a list. */
export const shortId = (id: string): string => id.slice(0, 8);

/** A run's or step's duration so far: finished runs from their timestamps, active ones up to `now`. */
export function durationOf(
  item: { startedAt: string | null; finishedAt: string | null; durationMs?: number | null },
  now = Date.now(),
): string {
  if (item.durationMs !== undefined && item.durationMs !== null) return formatElapsed(item.durationMs);
  if (!item.startedAt) return '—';
  const end = item.finishedAt ? Date.parse(item.finishedAt) : now;
  return formatElapsed(end - Date.parse(item.startedAt));
}
