import type { RunDetail } from '@agent-fleet/contracts';
import { Link } from 'react-router';
import { DescriptionList } from '../../../../components/ui/DescriptionList';
import { Notice } from '../../../../components/ui/Notice';
import { formatCost, formatDateTime, formatNumber } from '../../../../lib/format';
import { durationOf } from '../../format';
import { JsonBlock } from './JsonBlock';

/** The run's facts, totals, error and outputs. */
export function RunSummary({ run }: { run: RunDetail }) {
  const tokens = run.usage.inputTokens + run.usage.outputTokens;
  return (
    <div className="flex flex-col gap-4">
      {run.error && (
        <Notice tone="danger" title={`The run failed: ${run.error.code}`}>
          <span className="break-words">{run.error.message}</span>
        </Notice>
      )}
      <DescriptionList
        items={[
          { label: 'Trigger', value: run.trigger },
          { label: 'Priority', value: String(run.priority) },
          { label: 'Started', value: run.startedAt ? formatDateTime(run.startedAt) : 'Not yet' },
          { label: 'Duration', value: durationOf(run) },
          {
            label: 'Tokens',
            value: `${formatNumber(tokens)} (${formatNumber(run.usage.inputTokens)} in · ${formatNumber(run.usage.outputTokens)} out)`,
          },
          {
            label: 'Cost',
            value: (
              <span data-testid="run-cost">
                {formatCost(run.costUsd)}
                {run.budgetUsd !== null && ` of ${formatCost(run.budgetUsd)} budget`}
              </span>
            ),
          },
          { label: 'LLM calls', value: formatNumber(run.llmCalls) },
          ...(run.sourceRunId
            ? [
                {
                  label: 'From run',
                  value: (
                    <Link className="font-mono text-indigo-600 hover:underline" to={`/runs/${run.sourceRunId}`}>
                      {run.sourceRunId.slice(0, 8)}
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0">
          <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Input</h3>
          <JsonBlock value={run.input} label="Run input" />
        </div>
        <div className="min-w-0">
          <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Outputs</h3>
          {run.outputs ? (
            <JsonBlock value={run.outputs} label="Run outputs" />
          ) : (
            <p className="text-sm text-slate-500">None yet.</p>
          )}
        </div>
      </div>
    </div>
  );
}
