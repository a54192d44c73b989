import type { Message } from '@agent-fleet/contracts';
import { ListTree, Repeat } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { formatCost, formatDateTime, formatNumber } from '../../../lib/format';

export interface MessageMetaProps {
  /** The stored reply; null while it streams, when only the note is known. */
  message: Message | null;
  /** How the reply came about when it took retries or a fallback. */
  note: string | null;
}

/** The small print under a reply: which model answered, its tokens and what it cost. */
export function MessageMeta({ message, note }: MessageMetaProps) {
  const usage = message?.usage;
  // The chat lives under the agent's route: its id names the task's address.
  const { id: agentId } = useParams();
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-slate-400 tabular-nums">
      {message?.model && (
        <span className="font-mono text-slate-500" title="The model that answered">
          {message.provider}/{message.model}
        </span>
      )}
      {usage && (
        <span aria-label="Tokens">
          {formatNumber(usage.inputTokens)} in · {formatNumber(usage.outputTokens)} out
          {usage.cachedInputTokens > 0 && ` · ${formatNumber(usage.cachedInputTokens)} cached`}
          {usage.reasoningTokens > 0 && ` · ${formatNumber(usage.reasoningTokens)} reasoning`}
        </span>
      )}
      {message?.costUsd !== null && message?.costUsd !== undefined && (
        <span aria-label="Cost" className="text-slate-500">
          {formatCost(message.costUsd)}
        </span>
      )}
      {note && (
        <span className="inline-flex items-center gap-1 italic">
          <Repeat className="size-3" aria-hidden="true" />
          {note}
        </span>
      )}
      {message?.taskId && agentId && (
        <Link
          to={`/agents/${agentId}/tasks/${message.taskId}`}
          className="inline-flex items-center gap-1 font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
          title="The system prompt and every LLM call of this reply"
        >
          <ListTree className="size-3" aria-hidden="true" />
          Trace
        </Link>
      )}
      {message && (
        <time dateTime={message.createdAt} className="ml-auto">
          {formatDateTime(message.createdAt)}
        </time>
      )}
    </div>
  );
}
