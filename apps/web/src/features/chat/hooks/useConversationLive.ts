import { TURN_DELTA, TurnDeltaSchema } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { applyLiveEvent } from '../../../lib/realtime/live-cache';
import { useLiveTopic } from '../../../lib/realtime/use-live-topic';
import { conversationKeys } from '../query-keys';
import { applyTurnDelta, type WatchedTurn } from '../watched-turn';
import type { ChatTurn } from './useChatTurn';

/**
 * Follows `conversation:<id>` for a turn started elsewhere (another tab, the CLI, the API): its messages
 * and `busy` are read again as they change, and its reply grows from its `turn.delta` events. Returns
 * that reply while it streams; once the turn has ended and the messages are read again, the stored reply
 * stands in its place. This tab's own turn streams over SSE, so its events here are left alone.
 */
export function useConversationLive(conversationId: string, chat: Pick<ChatTurn, 'running' | 'turn'>): WatchedTurn | null {
  const queryClient = useQueryClient();
  const [watched, setWatched] = useState<WatchedTurn | null>(null);
  // The latest, for events that arrive before the next render.
  const latest = useRef<WatchedTurn | null>(null);
  const update = (next: WatchedTurn | null) => {
    latest.current = next;
    setWatched(next);
  };

  useLiveTopic(`conversation:${conversationId}`, (event) => {
    if (chat.running) return;
    if (event.eventType === TURN_DELTA) {
      const delta = TurnDeltaSchema.safeParse(event.data);
      if (delta.success && delta.data.taskId !== chat.turn?.taskId) update(applyTurnDelta(latest.current, delta.data));
      return;
    }
    applyLiveEvent(queryClient, event);
    const ended = latest.current?.taskId;
    if (event.eventType === 'turn.ended' && ended !== undefined) {
      // A fresh read, begun after the reply was stored (a refetch already under way may predate it); the
      // streamed copy steps aside as soon as the stored one is in the history, and is dropped after.
      void queryClient.refetchQueries({ queryKey: conversationKeys.messages(conversationId) }).finally(() => {
        if (latest.current?.taskId === ended) update(null);
      });
    }
  });
  return watched;
}
