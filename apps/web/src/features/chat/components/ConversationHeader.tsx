import type { Conversation } from '@agent-fleet/contracts';
import { formatCost, formatNumber, pluralize } from '../../../lib/format';

export function ConversationHeader({ conversation }: { conversation: Conversation }) {
  const { usage } = conversation;
  return (
    <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 px-5 py-3">
      <h2 className="min-w-0 truncate text-sm font-semibold text-slate-900">{conversation.title}</h2>
      <p className="text-xs text-slate-500 tabular-nums" aria-label="Conversation totals">
        {pluralize(conversation.messageCount, 'message')} · {formatNumber(usage.inputTokens + usage.outputTokens)} tokens ·{' '}
        {formatCost(conversation.costUsd)}
      </p>
    </header>
  );
}
