import type { Diagnostic } from '@agent-fleet/contracts';
import { Plus } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { newMessage, type MessageDraft } from '../../draft/prompt-draft';
import type { TemplateSource } from '../../types';
import { ChatMessageRow } from './ChatMessageRow';

/** Mirrors the contract's limit. */
const MAX_MESSAGES = 50;

export interface ChatMessagesEditorProps {
  messages: readonly MessageDraft[];
  onChange: (messages: MessageDraft[]) => void;
  diagnostics: readonly Diagnostic[];
  /** The source the diagnostics were computed for. */
  analyzed: TemplateSource | undefined;
  variableNames: readonly string[];
  readOnly?: boolean;
}

export function ChatMessagesEditor({
  messages,
  onChange,
  diagnostics,
  analyzed,
  variableNames,
  readOnly,
}: ChatMessagesEditorProps) {
  const update = (key: string, patch: Partial<MessageDraft>) =>
    onChange(messages.map((message) => (message.key === key ? { ...message, ...patch } : message)));
  const move = (index: number, offset: -1 | 1) => {
    const next = [...messages];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + offset, 0, moved);
    onChange(next);
  };
  const nextRole = messages.at(-1)?.role === 'user' ? 'assistant' : 'user';

  return (
    <div>
      <ol className="flex flex-col gap-3" aria-label="Messages">
        {messages.map((message, index) => (
          <ChatMessageRow
            key={message.key}
            message={message}
            index={index}
            count={messages.length}
            diagnostics={diagnostics}
            diagnosticsFor={analyzed?.type === 'chat' ? analyzed.messages[index]?.content : undefined}
            variableNames={variableNames}
            onChange={(patch) => update(message.key, patch)}
            onMove={(offset) => move(index, offset)}
            onRemove={() => onChange(messages.filter((candidate) => candidate.key !== message.key))}
            readOnly={readOnly}
          />
        ))}
      </ol>
      {!readOnly && (
        <Button
          size="sm"
          className="mt-3"
          onClick={() => onChange([...messages, newMessage(nextRole)])}
          disabled={messages.length >= MAX_MESSAGES}
          icon={<Plus className="size-3.5" aria-hidden="true" />}
        >
          Add message
        </Button>
      )}
    </div>
  );
}
