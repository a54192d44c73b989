import { useContext, useEffect, useRef } from 'react';
import type { LiveEvent } from './realtime-client';
import { RealtimeContext } from './realtime-context';

export interface UseLiveTopicOptions {
  /** Told when the topic's missed events could not be replayed: refetch what was shown. Default: nothing. */
  onReset?: () => void;
}

/**
 * Calls `onEvent` with each live event of `topic` (e.g. `workspace:<id>`, `run:<id>`) while the component
 * is mounted, in order and once each, across reconnects. `null` listens to nothing (e.g. while an id is
 * unknown). The callbacks may change between renders without resubscribing. Outside a signed-in shell it
 * does nothing.
 */
export function useLiveTopic(topic: string | null, onEvent: (event: LiveEvent) => void, options: UseLiveTopicOptions = {}): void {
  const client = useContext(RealtimeContext);
  const handlers = useRef({ onEvent, onReset: options.onReset });
  useEffect(() => {
    handlers.current = { onEvent, onReset: options.onReset };
  });
  useEffect(() => {
    if (!client || topic === null) return;
    return client.subscribe(topic, {
      event: (event) => handlers.current.onEvent(event),
      reset: () => handlers.current.onReset?.(),
    });
  }, [client, topic]);
}
