import type { Message } from '@agent-fleet/contracts';
import { ChevronUp, MessagesSquare } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { pluralize } from '../../../lib/format';
import type { MessageHistory } from '../hooks/useMessageHistory';
import { replyFromMessage, replyFromTurn, replyFromWatched } from '../message-view';
import type { LiveTurn, LlmCallEvent } from '../turn-state';
import type { WatchedTurn } from '../watched-turn';
import { ReplyMessage } from './ReplyMessage';
import { UserMessage } from './UserMessage';

export interface MessageListProps {
  history: MessageHistory;
  turn: LiveTurn | null;
  /** A turn another client runs, as it streams here; null when none. */
  watched: WatchedTurn | null;
  callsByTask: ReadonlyMap<string, readonly LlmCallEvent[]>;
  agentName: string;
  canExecute: boolean;
}

/** Within this distance of the bottom, new text keeps the view pinned to the end. */
const STICK_PX = 80;

/**
 * What the live turn still adds to the stored history. Once the history is refetched it holds the
 * turn's messages itself, and the live copies step aside without a flash.
 */
function liveParts(turn: LiveTurn | null, messages: readonly Message[]) {
  if (!turn) return { user: false, reply: false };
  const stored = new Set(messages.map((message) => message.id));
  const replyStored =
    (turn.message !== null && stored.has(turn.message.id)) ||
    (turn.taskId !== null && messages.some((message) => message.role === 'assistant' && message.taskId === turn.taskId));
  return { user: !(turn.userMessage && stored.has(turn.userMessage.id)), reply: !replyStored };
}

export function MessageList({ history, turn, watched, callsByTask, agentName, canExecute }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const { messages } = history;
  const live = liveParts(turn, messages);
  // Until the history holds the stored reply, which replaces it in the same render.
  const streaming =
    watched && !messages.some((message) => message.role === 'assistant' && message.taskId === watched.taskId) ? watched : null;

  // Follows the reply as it streams, unless the reader scrolled up to read something earlier.
  useEffect(() => {
    const element = scrollRef.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  }, [messages.length, turn?.text, turn?.toolCalls.length, turn?.phase, watched?.text, history.loading]);

  const content = (): ReactNode => {
    if (history.error !== null) {
      return <ErrorState error={history.error} title="Could not load the messages" onRetry={history.retry} />;
    }
    if (history.loading) {
      return (
        <div role="status" aria-label="Loading messages" className="flex flex-col gap-4">
          <Skeleton className="ml-auto h-12 w-1/2 rounded-xl" />
          <Skeleton className="h-24 w-2/3 rounded-xl" />
        </div>
      );
    }
    if (messages.length === 0 && !turn && !streaming) {
      return (
        <EmptyState
          icon={<MessagesSquare />}
          title="No messages yet"
          description={canExecute ? `Say hello to ${agentName}. Enter sends; Shift+Enter starts a new line.` : undefined}
        />
      );
    }
    return (
      <ol className="flex flex-col gap-5">
        {history.olderCount > 0 && (
          <li className="flex justify-center">
            <Button
              size="sm"
              variant="ghost"
              onClick={history.showOlder}
              icon={<ChevronUp className="size-4" aria-hidden="true" />}
            >
              Show earlier messages ({pluralize(history.olderCount, 'more', 'more')})
            </Button>
          </li>
        )}
        {messages.map((message) =>
          message.role === 'user' ? (
            <UserMessage key={message.id} content={message.content} createdAt={message.createdAt} />
          ) : (
            <ReplyMessage
              key={message.id}
              agentName={agentName}
              reply={replyFromMessage(message, message.taskId ? callsByTask.get(message.taskId) : undefined)}
            />
          ),
        )}
        {turn && live.user && (
          <UserMessage content={turn.userMessage?.content ?? turn.content} createdAt={turn.userMessage?.createdAt ?? null} />
        )}
        {turn && live.reply && <ReplyMessage agentName={agentName} reply={replyFromTurn(turn)} live />}
        {streaming && <ReplyMessage agentName={agentName} reply={replyFromWatched(streaming)} live />}
      </ol>
    );
  };

  return (
    <div
      ref={scrollRef}
      onScroll={(event) => {
        const element = event.currentTarget;
        stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto px-5 py-5"
    >
      <section aria-label="Messages">{content()}</section>
    </div>
  );
}
