import type { Conversation } from '@agent-fleet/contracts';
import { Pencil, Trash2 } from 'lucide-react';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { NavLink } from 'react-router';
import { clsx } from 'clsx';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage } from '../../../lib/api-error';
import { formatCost, formatDateTime, formatRelativeTime, pluralize } from '../../../lib/format';
import { useRenameConversation } from '../api';

export interface ConversationListItemProps {
  conversation: Conversation;
  canExecute: boolean;
  onDelete: (conversation: Conversation) => void;
}

/** One conversation in the side list; its title can be edited in place. */
export function ConversationListItem({ conversation, canExecute, onDelete }: ConversationListItemProps) {
  const rename = useRenameConversation();
  const toast = useToast();
  const [draft, setDraft] = useState<string | null>(null);
  // Enter and the blur that may follow when the input goes away must not save twice.
  const editing = useRef(false);
  const titleId = `conversation-${conversation.id}`;
  const activity = conversation.lastMessageAt ?? conversation.createdAt;

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft === null || !editing.current) return;
    editing.current = false;
    const title = draft.trim();
    setDraft(null);
    if (title === '' || title === conversation.title) return;
    rename.mutate(
      { id: conversation.id, title },
      { onError: (error) => toast.error('Could not rename the conversation', errorMessage(error)) },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    // Only the edit is cancelled; Escape must not also close anything around the list.
    event.stopPropagation();
    editing.current = false;
    setDraft(null);
  };

  if (draft !== null) {
    return (
      <li className="px-1 py-1">
        <form onSubmit={save}>
          <Input
            aria-label="Conversation title"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => save()}
            maxLength={200}
            autoFocus
          />
        </form>
      </li>
    );
  }

  return (
    <li className="group/item relative">
      <NavLink
        to={`/agents/${conversation.agentId}/chat/${conversation.id}`}
        className={({ isActive }) =>
          clsx(
            'block rounded-lg px-3 py-2 transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
            canExecute && 'pr-16',
            isActive ? 'bg-white shadow-xs ring-1 ring-slate-200' : 'hover:bg-white/70',
          )
        }
      >
        <span id={titleId} className="block truncate text-sm font-medium text-slate-900">
          {rename.isPending ? (rename.variables?.title ?? conversation.title) : conversation.title}
        </span>
        <span className="mt-0.5 block truncate text-xs text-slate-500">
          {pluralize(conversation.messageCount, 'message')} · {formatCost(conversation.costUsd)} ·{' '}
          <time dateTime={activity} title={formatDateTime(activity)}>
            {formatRelativeTime(activity)}
          </time>
        </span>
      </NavLink>
      {canExecute && (
        <div className="absolute top-1.5 right-1.5 flex gap-0.5 opacity-100 transition-opacity sm:opacity-0 sm:group-hover/item:opacity-100 sm:focus-within:opacity-100">
          <Button
            variant="ghost"
            size="icon"
            aria-label="Rename"
            aria-describedby={titleId}
            title="Rename"
            onClick={() => {
              editing.current = true;
              setDraft(conversation.title);
            }}
          >
            <Pencil className="size-3.5" aria-hidden="true" />
          </Button>
          <Button
            variant="danger-ghost"
            size="icon"
            aria-label="Delete"
            aria-describedby={titleId}
            title="Delete"
            onClick={() => onDelete(conversation)}
          >
            <Trash2 className="size-3.5" aria-hidden="true" />
          </Button>
        </div>
      )}
    </li>
  );
}
