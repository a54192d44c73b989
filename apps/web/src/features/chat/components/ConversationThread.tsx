import type { Agent, Conversation } from '@agent-fleet/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Eye } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { conversationKeys } from '../api';
import { useChatTurn } from '../hooks/useChatTurn';
import { useConversationLive } from '../hooks/useConversationLive';
import { useMessageHistory } from '../hooks/useMessageHistory';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { ConversationVariablesDialog } from './ConversationVariablesDialog';
import { MessageList } from './MessageList';

export interface ConversationThreadProps {
  conversation: Conversation;
  agent: Agent;
  canExecute: boolean;
}

/** The variables dialog while open; `refusal` is the refused message it was opened from, if any. */
interface VariablesDialogState {
  refusal: unknown;
}

/** A conversation's header, its messages (the turn in flight included) and, for executors, the composer. */
export function ConversationThread({ conversation, agent, canExecute }: ConversationThreadProps) {
  const queryClient = useQueryClient();
  const chat = useChatTurn(conversation.id, agent.id);
  const history = useMessageHistory(conversation.id);
  // A turn another client (a tab, the CLI) is running: it cannot be joined, only waited for or stopped.
  // A turn we stopped is still busy on the server for a moment while it winds down: that is not
  // another window's.
  const busyElsewhere = conversation.busy && !chat.running && !chat.stopping;
  // Only a template takes variables; an inline prompt has nothing to fill in.
  const templateRef = agent.systemPrompt.type === 'template' ? agent.systemPrompt.ref : null;
  const [variablesDialog, setVariablesDialog] = useState<VariablesDialogState | null>(null);

  // A turn started elsewhere is followed as it goes: its reply streams in, its messages are read again.
  const watched = useConversationLive(conversation.id, chat);

  const wasBusy = useRef(conversation.busy);
  useEffect(() => {
    if (wasBusy.current && !conversation.busy) {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(conversation.id) });
    }
    wasBusy.current = conversation.busy;
  }, [conversation.busy, conversation.id, queryClient]);

  return (
    <>
      <ConversationHeader
        conversation={conversation}
        onOpenVariables={templateRef === null ? undefined : () => setVariablesDialog({ refusal: null })}
      />
      <MessageList
        history={history}
        turn={chat.turn}
        watched={watched}
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
          onSetVariables={templateRef === null ? undefined : () => setVariablesDialog({ refusal: chat.sendError })}
        />
      ) : (
        <p className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3 text-sm text-slate-500">
          <Eye className="size-4 shrink-0" aria-hidden="true" />
          Your role can read this conversation but not send messages.
        </p>
      )}
      {templateRef !== null && variablesDialog !== null && (
        <ConversationVariablesDialog
          conversation={conversation}
          templateRef={templateRef}
          canEdit={canExecute}
          refusal={variablesDialog.refusal}
          onClose={() => setVariablesDialog(null)}
          // The refusal is answered; the draft stays in the composer for another try.
          onSaved={chat.clearSendError}
        />
      )}
    </>
  );
}
