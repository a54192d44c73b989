import { Bot, CircleStop } from 'lucide-react';
import { clsx } from 'clsx';
import { Badge } from '../../../components/ui/Badge';
import { llmCallNote } from '../llm-call-notes';
import type { ReplyView } from '../message-view';
import { MessageMeta } from './MessageMeta';
import { ToolCallCard } from './ToolCallCard';
import { TurnErrorNotice } from './TurnErrorNotice';

export interface ReplyMessageProps {
  agentName: string;
  reply: ReplyView;
  /** The reply of the turn in flight (or just ended) rather than one read from the history. */
  live?: boolean;
}

/** Written by the offline mock provider: the page must never pass it off as a model's answer. */
function MockBadge() {
  return (
    <span title="Written by the built-in offline mock provider, not a real model">
      <Badge tone="amber">Mock</Badge>
    </span>
  );
}

export function ReplyMessage({ agentName, reply, live = false }: ReplyMessageProps) {
  const writing = reply.state === 'writing';
  const mock = reply.message ? reply.message.mock : reply.llmCalls.some((call) => call.provider === 'mock');
  const note = llmCallNote(reply.llmCalls);
  const empty = reply.content === '' && reply.toolCalls.length === 0;

  return (
    <li>
      <article aria-label={`Reply from ${agentName}`} aria-busy={writing || undefined} className="flex max-w-full gap-3">
        <span
          className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500 ring-1 ring-slate-200"
          aria-hidden="true"
        >
          <Bot className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="mb-1 flex flex-wrap items-center gap-2">
            <span className="text-xs font-semibold text-slate-700">{agentName}</span>
            {mock && <MockBadge />}
            {writing && (
              <span role="status" className="text-xs text-slate-400">
                {empty ? 'Thinking…' : 'Writing…'}
              </span>
            )}
          </div>

          {reply.toolCalls.length > 0 && (
            <ul aria-label="Tool calls" className="mb-2 flex flex-col gap-2">
              {reply.toolCalls.map((call) => (
                <ToolCallCard key={call.id} call={call} />
              ))}
            </ul>
          )}

          {!empty && (
            <div
              data-testid={live ? 'live-reply' : undefined}
              className={clsx(
                'text-sm leading-6 break-words whitespace-pre-wrap text-slate-800',
                writing &&
                  "after:ml-0.5 after:inline-block after:h-4 after:w-1.5 after:animate-pulse after:bg-slate-400 after:align-text-bottom after:content-['']",
              )}
            >
              {reply.content}
            </div>
          )}
          {writing && empty && (
            <span className="flex gap-1 py-2" aria-hidden="true">
              {[0, 1, 2].map((dot) => (
                <span
                  key={dot}
                  className="size-1.5 animate-pulse rounded-full bg-slate-300"
                  style={{ animationDelay: `${dot * 150}ms` }}
                />
              ))}
            </span>
          )}

          {reply.state === 'failed' && reply.error && <TurnErrorNotice error={reply.error} partial={!empty} className="mt-2" />}
          {reply.state === 'stopped' && (
            <p className="mt-2 flex items-center gap-1.5 text-xs text-slate-500">
              <CircleStop className="size-3.5" aria-hidden="true" />
              Stopped before the reply finished{empty ? '' : '; what it wrote so far is kept'}.
            </p>
          )}

          {(reply.message || note) && <MessageMeta message={reply.message} note={note} />}
        </div>
      </article>
    </li>
  );
}
