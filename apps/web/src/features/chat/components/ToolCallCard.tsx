import { ChevronDown, Wrench } from 'lucide-react';
import { useId, useState } from 'react';
import { clsx } from 'clsx';
import { Spinner } from '../../../components/ui/Spinner';
import { prettyJson } from '../../../lib/json';
import type { ToolCallView } from '../message-view';

/** The question of an "ask agent X" call, the one input worth showing while collapsed. */
const questionOf = (input: unknown): string | null =>
  typeof input === 'object' && input !== null && typeof (input as { question?: unknown }).question === 'string'
    ? (input as { question: string }).question
    : null;

function CallStatus({ call }: { call: ToolCallView }) {
  if (call.pending) {
    return (
      <span className="inline-flex items-center gap-1 text-xs text-indigo-600">
        <Spinner className="size-3" />
        Running
      </span>
    );
  }
  if (call.output === null) return <span className="text-xs text-slate-400">No result</span>;
  return call.isError ? (
    <span className="text-xs font-medium text-red-600">Failed</span>
  ) : (
    <span className="text-xs font-medium text-emerald-600">Done</span>
  );
}

/** One tool call of a reply, collapsed to its name and status; expands to its input and output. */
export function ToolCallCard({ call }: { call: ToolCallView }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const question = questionOf(call.input);

  return (
    <li className={clsx('rounded-lg bg-white ring-1', call.isError ? 'ring-red-200' : 'ring-slate-200')}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
        className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Wrench className="size-3.5 shrink-0 text-slate-400" aria-hidden="true" />
        <span className="font-mono text-xs font-medium text-slate-700">{call.name}</span>
        <CallStatus call={call} />
        {question && <span className="min-w-0 flex-1 truncate text-xs text-slate-500">“{question}”</span>}
        <ChevronDown
          className={clsx('ml-auto size-4 shrink-0 text-slate-400 transition-transform', open && 'rotate-180')}
          aria-hidden="true"
        />
      </button>
      {open && (
        <div id={panelId} className="flex flex-col gap-2 border-t border-slate-100 px-3 py-2">
          <div>
            <p className="text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Input</p>
            <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-700">
              {prettyJson(call.input)}
            </pre>
          </div>
          <div>
            <p className="text-[11px] font-semibold tracking-wide text-slate-400 uppercase">Output</p>
            <pre
              className={clsx(
                'mt-1 max-h-64 overflow-auto rounded-md p-2 font-mono text-xs whitespace-pre-wrap',
                call.isError ? 'bg-red-50 text-red-800' : 'bg-slate-50 text-slate-700',
              )}
            >
              {call.output ?? (call.pending ? 'Waiting for the answer…' : '—')}
            </pre>
          </div>
        </div>
      )}
    </li>
  );
}
