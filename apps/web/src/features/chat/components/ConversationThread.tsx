import type { Agent, Conversation } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Eye } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { conversationKeys } from '../api';
import { useChatTurn } from '../hooks/useChatTurn';
import { useMessageHistory } from '../hooks/useMessageHistory';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';

export interface ConversationThreadProps {
  conversation: Conversation;
  agent: Agent;
  canExecute: boolean;
}

/** A conversation's header, its messages (the turn in flight included) and, for executors, the composer. */
export function ConversationThread({ conversation, agent, canExecute }: ConversationThreadProps) {
  const queryClient = useQueryClient();
  const chat = useChatTurn(conversation.id, agent.id);
  const history = useMessageHistory(conversation.id);
  // A turn another client (a tab, the CLI) is running: it cannot be joined, only waited for or stopped.
  const busyElsewhere = conversation.busy && !chat.running;

  const wasBusy = useRef(conversation.busy);
  useEffect(() => {
    if (wasBusy.current && !conversation.busy) {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(conversation.id) });
    }
    wasBusy.current = conversation.busy;
  }, [conversation.busy, conversation.id, queryClient]);

  return (
    <>
      <ConversationHeader conversation={conversation} />
      <MessageList
        history={history}
        turn={chat.turn}
        callsByTask={chat.callsByTask}
        agentName={agent.name}
        canExecute={canExecute}
      />
      {canExecute ? (
        <Composer
          agentName={agent.name}
          running={chat.running}
          busyElsewhere={busyElsewhere}
          sendError={chat.sendError}
          onSend={chat.send}
          onStop={chat.stop}
        />
      ) : (
        <p className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3 text-sm text-slate-500">
          <Eye className="size-4 shrink-0" aria-hidden="true" />
          Your role can read this conversation but not send messages.
        </p>
      )}
    </>
  );
}
