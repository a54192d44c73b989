import type { RunEvent } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { streamEvents } from '../../../lib/event-stream';
import { fetchRun, runKeys } from '../api';
import { lastSeq, mergeEvents } from '../events';
import { runEventFrame } from '../run-event-frame';
import { isActiveRun } from '../run-status';

/** Waits before reconnecting a dropped stream, growing to this at most. */
const MAX_BACKOFF_MS = 10_000;

export type RunStreamState = 'idle' | 'live' | 'reconnecting';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });

/**
 * Follows a run's live event stream while `enabled` (the run is active and its log is loaded). Each event
 * joins the event log in the query cache and refetches the run, so the graph, timeline and steps follow
 * without a reload. A dropped connection resumes after the last event seen (`?after=`, which the server
 * treats as Last-Event-ID), with a growing pause; the stream ends by itself once the run has ended.
 */
export function useRunStream(runId: string, enabled: boolean): RunStreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RunStreamState>('idle');

  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    const { signal } = controller;
    const eventsKey = runKeys.events(runId);
    const refetchRun = () => void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId), exact: true });

    const follow = async () => {
      let failures = 0;
      while (!signal.aborted) {
        const after = lastSeq(queryClient.getQueryData<RunEvent[]>(eventsKey));
        try {
          setState(failures === 0 ? 'live' : 'reconnecting');
          const stream = streamEvents(`/api/v1/runs/${encodeURIComponent(runId)}/events?after=${after}`, {
            method: 'GET',
            schema: runEventFrame,
            signal,
          });
          for await (const event of stream) {
            failures = 0;
            setState('live');
            queryClient.setQueryData<RunEvent[]>(eventsKey, (known) => mergeEvents(known, [event]));
            refetchRun();
            // The approval panel reads the inbox: a step that starts or stops waiting changes it.
            if (event.type.startsWith('approval.')) void queryClient.invalidateQueries({ queryKey: runKeys.approvals() });
          }
          // The server ends the stream once the run has ended; a stream cut short (a restart) resumes.
          const run = await fetchRun(runId, signal);
          queryClient.setQueryData(runKeys.detail(runId), run);
          void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
          if (!isActiveRun(run.status)) break;
          failures += 1;
          await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures), signal);
        } catch {
          if (signal.aborted) break;
          failures += 1;
          setState('reconnecting');
          await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures), signal);
        }
      }
      if (!signal.aborted) setState('idle');
    };
    void follow();
    return () => {
      controller.abort();
      setState('idle');
    };
  }, [runId, enabled, queryClient]);

  return state;
}
