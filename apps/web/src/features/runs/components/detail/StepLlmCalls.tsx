import { formatCost, formatElapsed, formatNumber } from '../../../../lib/format';
import { useStepLlmCalls } from '../../queries';

/** The provider calls a step made, from the usage ledger (newest first). */
export function StepLlmCalls({ runId, stepId }: { runId: string; stepId: string }) {
  const query = useStepLlmCalls(runId, stepId, true);
  if (query.isPending) return <p className="text-sm text-slate-500">Loading LLM calls…</p>;
  if (query.isError) return <p className="text-sm text-red-600">Could not load the LLM calls.</p>;
  if (query.data.items.length === 0) return <p className="text-sm text-slate-500">No LLM calls.</p>;
  return (
    <ul aria-label="LLM calls" className="flex flex-col gap-1.5">
      {query.data.items.map((call) => (
        <li
          key={call.id}
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700"
        >
          <span className="font-mono break-all">
            {call.provider}/{call.model}
          </span>
          <span>{call.outcome}</span>
          <span className="tabular-nums">
            {formatNumber(call.usage.inputTokens)} in · {formatNumber(call.usage.outputTokens)} out
          </span>
          <span className="tabular-nums">{formatCost(call.costUsd)}</span>
          <span className="tabular-nums">{formatElapsed(call.latencyMs)}</span>
          {call.errorMessage && <span className="text-red-600">{call.errorMessage}</span>}
        </li>
      ))}
    </ul>
  );
}
