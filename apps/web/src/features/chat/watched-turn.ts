import type { TurnDelta } from '@agent-fleet/contracts';

/**
 * The reply of a turn another client runs (another tab, the CLI, the API), as this tab has seen it stream
 * in `turn.delta` events on `conversation:<id>`. It is shown until the stored reply, which carries the
 * same `taskId`, is in the history.
 */
export interface WatchedTurn {
  taskId: string;
  /** Where `text` starts in the reply: above 0 when this tab began watching mid-turn. */
  from: number;
  text: string;
}

/**
 * The watched reply after one more delta. A delta of another task starts a new reply; text already shown
 * (a replay overlapping it) is not added twice; after a gap (missed events that could not be replayed)
 * the reply starts again from the delta, as when joining mid-turn.
 */
export function applyTurnDelta(watched: WatchedTurn | null, delta: TurnDelta): WatchedTurn {
  const end = watched === null ? 0 : watched.from + watched.text.length;
  if (watched?.taskId !== delta.taskId || delta.offset > end) {
    return { taskId: delta.taskId, from: delta.offset, text: delta.text };
  }
  const fresh = delta.text.slice(end - delta.offset);
  return fresh === '' ? watched : { ...watched, text: watched.text + fresh };
}
