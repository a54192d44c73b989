import type { StepRun } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatCost } from '../../../../lib/format';
import { durationOf } from '../../format';
import { StepStatusBadge } from '../RunStatusBadge';

export interface StepListProps {
  steps: readonly StepRun[];
  selected: string | null;
  onSelect: (key: string) => void;
}

/** Top-level step runs in start order, each map item or loop iteration right under its parent, by index. */
export function orderSteps(steps: readonly StepRun[]): { step: StepRun; depth: number }[] {
  const children = new Map<string, StepRun[]>();
  for (const step of steps) {
    if (step.parentId) children.set(step.parentId, [...(children.get(step.parentId) ?? []), step]);
  }
  const ordered: { step: StepRun; depth: number }[] = [];
  const visit = (step: StepRun, depth: number) => {
    ordered.push({ step, depth });
    const items = [...(children.get(step.id) ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    for (const item of items) visit(item, depth + 1);
  };
  const started = (step: StepRun) => (step.startedAt ? Date.parse(step.startedAt) : Number.POSITIVE_INFINITY);
  for (const step of steps.filter((candidate) => candidate.parentId === null).sort((a, b) => started(a) - started(b))) {
    visit(step, 0);
  }
  return ordered;
}

/** Every step run with its status, attempts, duration and cost; a row opens the step. */
export function StepList({ steps, selected, onSelect }: StepListProps) {
  return (
    <Table aria-label="Steps">
      <THead>
        <Tr>
          <Th>Step</Th>
          <Th>Status</Th>
          <Th priority="secondary">Attempts</Th>
          <Th>Duration</Th>
          <Th>Cost</Th>
        </Tr>
      </THead>
      <TBody>
        {orderSteps(steps).map(({ step, depth }) => (
          <Tr key={step.id} data-step-status={step.status} className={clsx(step.key === selected && 'bg-indigo-50/60')}>
            <Td className="min-w-36">
              <button
                type="button"
                onClick={() => onSelect(step.key)}
                aria-pressed={step.key === selected}
                className="font-mono text-[13px] break-all text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                style={{ paddingLeft: `${depth * 1.25}rem` }}
              >
                {depth > 0 && <span aria-hidden="true">↳ </span>}
                {step.key}
              </button>
              <span
                className="block text-[11px] tracking-wide text-slate-400 uppercase"
                style={{ paddingLeft: `${depth * 1.25}rem` }}
              >
                {step.type}
              </span>
            </Td>
            <Td>
              <StepStatusBadge status={step.status} />
            </Td>
            <Td priority="secondary" className="text-slate-600 tabular-nums">
              {step.attempt}
            </Td>
            <Td className="whitespace-nowrap text-slate-600 tabular-nums">{durationOf(step)}</Td>
            <Td className="whitespace-nowrap text-slate-600 tabular-nums">{formatCost(step.costUsd)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
