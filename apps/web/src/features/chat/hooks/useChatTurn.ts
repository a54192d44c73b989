import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../../lib/api-error';
import { agentKeys } from '../../agents/api';
import { abortTurn, conversationKeys, fetchConversation, streamTurn } from '../api';
import { CONNECTION_LOST } from '../turn-errors';
import { applyChatEvent, failTurn, isTurnRunning, startTurn, stopTurn, type LiveTurn, type LlmCallEvent } from '../turn-state';

export interface ChatTurn {
  /** The turn in flight or the last one of this visit; null before the first message. */
  turn: LiveTurn | null;
  running: boolean;
  /** Stop was pressed and the server has not yet confirmed that the turn ended. */
  stopping: boolean;
  /** Why the last message was refused before its turn started (409 busy, 404 …); null otherwise. */
  sendError: unknown;
  /** The provider calls of this visit's turns by task id, so a stored reply keeps its retry note. */
  callsByTask: ReadonlyMap<string, readonly LlmCallEvent[]>;
  /** Resolves false when the message was refused before the turn started, so the draft can be kept. */
  send: (content: string) => Promise<boolean>;
  /** Closes the stream and asks the server to stop; also stops a turn another client started. */
  stop: () => void;
  /** Forgets `sendError`, e.g. once what caused it was fixed. */
  clearSendError: () => void;
}

/** After Stop: how often, and how many times, to ask whether the server has closed the turn. */
const STOP_POLL_MS = 300;
const STOP_POLL_LIMIT = 40;

/** Sends messages to a conversation and follows each turn's event stream. */
export function useChatTurn(conversationId: string, agentId: string): ChatTurn {
  const queryClient = useQueryClient();
  const [turn, setTurn] = useState<LiveTurn | null>(null);
  // From Stop until the server says the turn has ended: the stopped turn is ours, not another window's.
  const [stopping, setStopping] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const [callsByTask, setCallsByTask] = useState<ReadonlyMap<string, readonly LlmCallEvent[]>>(new Map());
  const controllerRef = useRef<AbortController | null>(null);

  // Leaving the conversation closes its stream, which stops the turn on the server too.
  useEffect(() => () => controllerRef.current?.abort(), []);

  /** After a turn: the list's totals and order, the stored messages, the agent's status and task history. */
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    void queryClient.invalidateQueries({ queryKey: agentKeys.detail(agentId) });
  }, [queryClient, conversationId, agentId]);

  const send = useCallback(
    async (content: string): Promise<boolean> => {
      if (controllerRef.current) return false;
      const controller = new AbortController();
      controllerRef.current = controller;
      setSendError(null);
      let current = startTurn(content);
      let accepted = true;
      const update = (next: LiveTurn) => {
        current = next;
        setTurn(next);
      };
      update(current);

      try {
        for await (const event of streamTurn(conversationId, { content }, controller.signal)) {
          if (controller.signal.aborted) break;
          update(applyChatEvent(current, event));
          // The agent is busy now: let the header show it.
          if (event.type === 'turn.started') void queryClient.invalidateQueries({ queryKey: agentKeys.detail(agentId) });
        }
        if (controller.signal.aborted) update(stopTurn(current));
        else update(failTurn(current, CONNECTION_LOST));
      } catch (error) {
        if (controller.signal.aborted) {
          update(stopTurn(current));
        } else if (current.phase === 'sending') {
          // Refused before it began (busy, paused agent, gone): nothing was stored, so nothing to show.
          accepted = false;
          setTurn(null);
          setSendError(error);
        } else {
          update(
            failTurn(current, { code: isApiError(error) ? error.code : CONNECTION_LOST.code, message: errorMessage(error) }),
          );
        }
      } finally {
        controllerRef.current = null;
        const { taskId, llmCalls } = current;
        if (taskId !== null && llmCalls.length > 0) setCallsByTask((known) => new Map(known).set(taskId, llmCalls));
        refresh();
      }
      return accepted;
    },
    [conversationId, agentId, queryClient, refresh],
  );

  const stop = useCallback(() => {
    controllerRef.current?.abort();
    setTurn((current) => (current ? stopTurn(current) : current));
    setStopping(true);
    void (async () => {
      // Closing the stream already stops the turn; this also covers a turn another client runs.
      await abortTurn(conversationId).catch(() => undefined);
      // The server needs a moment to close the turn (store the partial reply, its counts and cost).
      // Until it says so, the conversation's `busy` is this stopped turn, not another window's.
      for (let poll = 0; poll < STOP_POLL_LIMIT; poll += 1) {
        const conversation = await queryClient
          .fetchQuery({
            queryKey: conversationKeys.detail(conversationId),
            queryFn: ({ signal }) => fetchConversation(conversationId, signal),
            staleTime: 0,
          })
          .catch(() => null);
        if (!conversation?.busy) break;
        await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
      }
      setStopping(false);
      refresh();
    })();
  }, [conversationId, queryClient, refresh]);

  const clearSendError = useCallback(() => setSendError(null), []);
  return { turn, running: isTurnRunning(turn), stopping, sendError, callsByTask, send, stop, clearSendError };
}
