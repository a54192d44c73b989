import type { RunEvent } from '@agent-fleet/contracts';

/** Adds events to the log in `seq` order, once each: a reconnect may resend what was already seen. */
export function mergeEvents(known: readonly RunEvent[] | undefined, incoming: readonly RunEvent[]): RunEvent[] {
  const bySeq = new Map((known ?? []).map((event) => [event.seq, event]));
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The sequence number to resume after: the highest seen, 0 before any. */
export const lastSeq = (events: readonly RunEvent[] | undefined): number => events?.at(-1)?.seq ?? 0;
