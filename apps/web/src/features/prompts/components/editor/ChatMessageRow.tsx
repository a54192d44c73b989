import type { Diagnostic } from '@agent-fleet/contracts';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Select } from '../../../../components/ui/Select';
import { markersFor } from '../../draft/diagnostics';
import type { MessageDraft } from '../../draft/prompt-draft';
import { CHAT_ROLES, type ChatRole } from '../../types';
import { DeferredLiquidEditor as LiquidEditor } from '../shared/DeferredLiquidEditor';

export interface ChatMessageRowProps {
  message: MessageDraft;
  index: number;
  count: number;
  diagnostics: readonly Diagnostic[];
  /** The content the diagnostics were computed for. */
  diagnosticsFor: string | undefined;
  variableNames: readonly string[];
  onChange: (patch: Partial<MessageDraft>) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  readOnly?: boolean;
}

export function ChatMessageRow(props: ChatMessageRowProps) {
  const { message, index, count, diagnostics, diagnosticsFor, variableNames, onChange, onMove, onRemove, readOnly } = props;
  const number = index + 1;
  const roleId = `message-${message.key}-role`;
  return (
    <li className="rounded-lg border border-slate-200 bg-slate-50/50 p-3 animate-fade-in">
      <div className="mb-2 flex items-center gap-2">
        <span className="text-xs font-semibold text-slate-500">#{number}</span>
        <label htmlFor={roleId} className="sr-only">
          Role of message {number}
        </label>
        <Select
          id={roleId}
          value={message.role}
          onChange={(event) => onChange({ role: event.target.value as ChatRole })}
          disabled={readOnly}
          className="w-36"
        >
          {CHAT_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </Select>
        {!readOnly && (
          <div className="ml-auto flex items-center gap-0.5">
            <Button
              variant="ghost"
              size="icon"
              onClick={() => onMove(-1)}
              disabled={index === 0}
              aria-label={`Move message ${number} up`}
            >
              <ArrowUp className="size-4" aria-hidden="true" />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              onClick={() => onMove(1)}
              disabled={index === count - 1}
              aria-label={`Move message ${number} down`}
            >
              <ArrowDown className="size-4" aria-hidden="true" />
            </Button>
            <Button
              variant="danger-ghost"
              size="icon"
              onClick={onRemove}
              // A chat template needs at least one message.
              disabled={count === 1}
              aria-label={`Remove message ${number}`}
            >
              <Trash2 className="size-4" aria-hidden="true" />
            </Button>
          </div>
        )}
      </div>
      <LiquidEditor
        label={`Message ${number}`}
        value={message.content}
        onChange={readOnly ? undefined : (content) => onChange({ content })}
        diagnostics={diagnosticsFor === undefined ? [] : markersFor(diagnostics, index)}
        diagnosticsFor={diagnosticsFor}
        variableNames={variableNames}
        minHeight="4rem"
        placeholder={message.role === 'system' ? 'You are a helpful assistant for {{ company }}…' : '{{ question }}'}
      />
    </li>
  );
}
