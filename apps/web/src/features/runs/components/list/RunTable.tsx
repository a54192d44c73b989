import type { PipelineRun } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { Link } from 'react-router';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatCost, formatDateTime, formatRelativeTime } from '../../../../lib/format';
import { durationOf, runRef, shortId } from '../../format';
import { RunStatusBadge } from '../RunStatusBadge';

export interface RunTableProps {
  runs: readonly PipelineRun[];
  /** Dims the rows while a newer page or filter result loads. */
  stale?: boolean;
}

export function RunTable({ runs, stale = false }: RunTableProps) {
  return (
    <Table aria-label="Runs" aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Run</Th>
          <Th>Pipeline</Th>
          <Th priority="secondary">Trigger</Th>
          <Th priority="optional">Priority</Th>
          <Th>Started</Th>
          <Th>Duration</Th>
          <Th>Cost</Th>
        </Tr>
      </THead>
      <TBody>
        {runs.map((run) => (
          <Tr key={run.id} data-run-status={run.status}>
            <Td className="whitespace-nowrap">
              <div className="flex items-center gap-2">
                <RunStatusBadge status={run.status} />
                <Link
                  to={`/runs/${run.id}`}
                  className="font-mono text-xs text-slate-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  aria-label={`Run ${shortId(run.id)} of ${run.pipelineName}`}
                >
                  {shortId(run.id)}
                </Link>
              </div>
            </Td>
            <Td className="max-w-72 min-w-40 font-mono text-[13px] break-all text-slate-800">{runRef(run)}</Td>
            <Td priority="secondary" className="whitespace-nowrap text-slate-600">
              {run.trigger}
            </Td>
            <Td priority="optional" className="text-slate-600 tabular-nums">
              {run.priority}
            </Td>
            <Td className="whitespace-nowrap text-slate-500">
              {run.startedAt ? (
                <time dateTime={run.startedAt} title={formatDateTime(run.startedAt)}>
                  {formatRelativeTime(run.startedAt)}
                </time>
              ) : (
                'not yet'
              )}
            </Td>
            <Td className="whitespace-nowrap text-slate-600 tabular-nums">{durationOf(run)}</Td>
            <Td className="whitespace-nowrap text-slate-600 tabular-nums">{formatCost(run.costUsd)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
