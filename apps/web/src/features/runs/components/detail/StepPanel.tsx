import type { StepRun } from '@agent-fleet/contracts';
import { RotateCcw } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { DescriptionList } from '../../../../components/ui/DescriptionList';
import { Notice } from '../../../../components/ui/Notice';
import { formatCost, formatDateTime, formatNumber } from '../../../../lib/format';
import { durationOf } from '../../format';
import { StepStatusBadge } from '../RunStatusBadge';
import { JsonBlock } from './JsonBlock';
import { StepLlmCalls } from './StepLlmCalls';

export interface StepPanelProps {
  step: StepRun;
  /** Map items or loop iterations of this step, in order. */
  items: readonly StepRun[];
  canReadUsage: boolean;
  /** Absent when the user may not start runs (or for a map item, which cannot be re-run alone). */
  onRerun?: (stepId: string, only: boolean) => void;
  rerunPending?: boolean;
  onSelect: (key: string) => void;
}

/** One step run: status, attempts, usage, input, output, error, its LLM calls and its items. */
export function StepPanel({ step, items, canReadUsage, onRerun, rerunPending = false, onSelect }: StepPanelProps) {
  return (
    <section aria-label={`Step ${step.key}`} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="flex min-w-0 items-center gap-2 text-sm font-semibold text-slate-900">
          <span className="font-mono break-all">{step.key}</span>
          <StepStatusBadge status={step.status} />
        </h3>
        {onRerun && (
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              loading={rerunPending}
              onClick={() => onRerun(step.stepId, false)}
              icon={<RotateCcw className="size-3.5" aria-hidden="true" />}
            >
              Re-run from here
            </Button>
            <Button size="sm" variant="ghost" disabled={rerunPending} onClick={() => onRerun(step.stepId, true)}>
              Re-run this step only
            </Button>
          </div>
        )}
      </div>
      <DescriptionList
        items={[
          { label: 'Type', value: step.type },
          { label: 'Attempts', value: formatNumber(step.attempt) },
          { label: 'Duration', value: durationOf(step) },
          { label: 'Tokens', value: `${formatNumber(step.usage.inputTokens)} in · ${formatNumber(step.usage.outputTokens)} out` },
          { label: 'Cost', value: `${formatCost(step.costUsd)} (${formatNumber(step.llmCalls)} LLM calls)` },
          { label: 'Started', value: step.startedAt ? formatDateTime(step.startedAt) : '' },
          { label: step.status === 'queued' ? 'Retries at' : 'Due', value: step.dueAt ? formatDateTime(step.dueAt) : '' },
          ...(step.childRunId
            ? [
                {
                  label: 'Child run',
                  value: (
                    <Link className="font-mono text-indigo-600 hover:underline" to={`/runs/${step.childRunId}`}>
                      {step.childRunId.slice(0, 8)}
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
      {step.error && (
        <Notice tone="danger" title={`${step.error.code}${step.error.errorClass ? ` (${step.error.errorClass})` : ''}`}>
          <span className="break-words">{step.error.message}</span>
        </Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0">
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Input</h4>
          <JsonBlock value={step.input} label={`Input of ${step.key}`} />
        </div>
        <div className="min-w-0">
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Output</h4>
          <JsonBlock value={step.output} label={`Output of ${step.key}`} />
        </div>
      </div>
      {items.length > 0 && (
        <div>
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Items</h4>
          <ul className="flex flex-wrap gap-2">
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => onSelect(item.key)}
                  className="flex items-center gap-1.5 rounded-md px-1.5 py-1 font-mono text-xs hover:bg-slate-100"
                >
                  {item.key} <StepStatusBadge status={item.status} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {canReadUsage && (
        <div>
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">LLM calls</h4>
          <StepLlmCalls runId={step.runId} stepId={step.key} />
        </div>
      )}
    </section>
  );
}
