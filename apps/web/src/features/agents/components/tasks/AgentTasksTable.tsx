import type { AgentTask } from '@agent-fleet/contracts';
import { ListTree, MessagesSquare } from 'lucide-react';
import { Link } from 'react-router';
import { clsx } from 'clsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatCost, formatDateTime, formatElapsed, formatNumber, formatRelativeTime } from '../../../../lib/format';
import { TASK_KIND_LABELS } from '../../task-status';
import { TaskStatusBadge } from './TaskStatusBadge';

export interface AgentTasksTableProps {
  agentId: string;
  tasks: readonly AgentTask[];
  /** Dims the rows while another page or filter loads. */
  stale?: boolean;
}

const tokenDetail = ({ usage }: AgentTask): string =>
  [
    `${formatNumber(usage.inputTokens)} input`,
    `${formatNumber(usage.outputTokens)} output`,
    usage.cachedInputTokens > 0 ? `${formatNumber(usage.cachedInputTokens)} cached` : null,
    usage.reasoningTokens > 0 ? `${formatNumber(usage.reasoningTokens)} reasoning` : null,
  ]
    .filter(Boolean)
    .join(', ');

export function AgentTasksTable({ agentId, tasks, stale = false }: AgentTasksTableProps) {
  return (
    <Table aria-label="Task history" aria-busy={stale || undefined} className={clsx('transition-opacity', stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Status</Th>
          <Th>Kind</Th>
          <Th>Summary</Th>
          <Th>Started</Th>
          <Th>Duration</Th>
          <Th>Tokens</Th>
          <Th>Cost</Th>
          <Th>
            <span className="sr-only">Conversation</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {tasks.map((task) => (
          <Tr key={task.id}>
            <Td>
              <TaskStatusBadge status={task.status} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{TASK_KIND_LABELS[task.kind]}</Td>
            <Td className="max-w-64 min-w-40">
              <p className="truncate text-slate-900" title={task.summary}>
                {task.summary || <span className="text-slate-400">—</span>}
              </p>
              {task.requestedBy && (
                <p className="mt-0.5 truncate text-xs text-slate-500">Asked by {task.requestedBy.agentName}</p>
              )}
              {task.error && (
                <p className="mt-0.5 truncate text-xs text-red-600" title={task.error.message}>
                  {task.error.message}
                </p>
              )}
            </Td>
            <Td className="whitespace-nowrap text-slate-500">
              <time dateTime={task.startedAt} title={formatDateTime(task.startedAt)}>
                {formatRelativeTime(task.startedAt)}
              </time>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              {task.durationMs === null ? <span className="text-slate-400">—</span> : formatElapsed(task.durationMs)}
            </Td>
            <Td className="whitespace-nowrap tabular-nums" title={tokenDetail(task)}>
              {formatNumber(task.usage.inputTokens)} <span className="text-slate-400">in</span> ·{' '}
              {formatNumber(task.usage.outputTokens)} <span className="text-slate-400">out</span>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">{formatCost(task.costUsd)}</Td>
            <Td actions className="w-px whitespace-nowrap">
              <div className="flex items-center justify-end gap-3">
                <Link
                  to={`/agents/${agentId}/tasks/${task.id}`}
                  aria-label={`Trace of ${task.summary || TASK_KIND_LABELS[task.kind]}`}
                  className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <ListTree className="size-4" aria-hidden="true" />
                  Trace
                </Link>
                {task.conversationId && (
                  <Link
                    to={`/agents/${agentId}/chat/${task.conversationId}`}
                    className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    <MessagesSquare className="size-4" aria-hidden="true" />
                    Conversation
                  </Link>
                )}
              </div>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
