import type { Conversation } from '@agent-fleet/contracts';
import { Braces } from 'lucide-react';
import { Button } from '../../../components/ui/Button';
import { formatCost, formatNumber, pluralize } from '../../../lib/format';

export interface ConversationHeaderProps {
  conversation: Conversation;
  /** Opens the prompt variables; left out when the agent's system prompt is inline text, which takes none. */
  onOpenVariables?: (() => void) | undefined;
}

export function ConversationHeader({ conversation, onOpenVariables }: ConversationHeaderProps) {
  const { usage } = conversation;
  const variableCount = Object.keys(conversation.variables).length;
  return (
    <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-b border-slate-200 px-5 py-3">
      <h2 className="min-w-0 truncate text-sm font-semibold text-slate-900">{conversation.title}</h2>
      <div className="flex items-center gap-3">
        <p className="text-xs text-slate-500 tabular-nums" aria-label="Conversation totals">
          {pluralize(conversation.messageCount, 'message')} · {formatNumber(usage.inputTokens + usage.outputTokens)} tokens ·{' '}
          {formatCost(conversation.costUsd)}
        </p>
        {onOpenVariables && (
          <Button
            size="sm"
            variant="ghost"
            onClick={onOpenVariables}
            icon={<Braces className="size-3.5" aria-hidden="true" />}
            aria-label={variableCount > 0 ? `Variables (${variableCount} set)` : undefined}
          >
            Variables
            {variableCount > 0 && (
              <span className="rounded-full bg-slate-100 px-1.5 text-xs font-medium text-slate-600 tabular-nums">
                {variableCount}
              </span>
            )}
          </Button>
        )}
      </div>
    </header>
  );
}
