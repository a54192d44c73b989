import type { FleetTask } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { Table, TBody, Td, Th, THead, Tr, RowTh } from '../../../../components/ui/Table';
import { formatCost, formatElapsed, formatNumber } from '../../../../lib/format';
import { FleetTaskStatusBadge } from './FleetTaskStatusBadge';
import { TaskAgents } from './TaskAgents';
import { TaskTime } from './TaskTime';

export interface FleetTaskTableProps {
  tasks: readonly FleetTask[];
  /** Member names by agent id. */
  names: ReadonlyMap<string, string>;
  /** The latest routing reason by task id; a task placed long ago may have none here (its detail has it). */
  reasons: ReadonlyMap<string, string> | undefined;
  /** The previous page stays on screen, dimmed, while the next one loads. */
  stale: boolean;
  onOpen: (task: FleetTask) => void;
}

/** A task's input on one line, for its row: the first line of text, or an object as compact JSON. */
const summaryOf = ({ input }: FleetTask) =>
  typeof input === 'string' ? (input.split('\n').find((line) => line.trim() !== '') ?? input) : JSON.stringify(input);

function Reason({ task, reason }: { task: FleetTask; reason: string | undefined }) {
  if (task.status === 'queued' && task.waitingReason) {
    return <span className="text-amber-800">Waiting: {task.waitingReason}</span>;
  }
  if (reason) return <span>{reason}</span>;
  return <span className="text-slate-400">{task.attempt === 0 ? 'Not placed yet' : 'Open the task for its routing'}</span>;
}

/** A fleet's tasks: status, who took each and why, priority, times, duration and spend. */
export function FleetTaskTable({ tasks, names, reasons, stale, onOpen }: FleetTaskTableProps) {
  return (
    <Table aria-label="Tasks" className={clsx(stale && 'opacity-60')}>
      <THead>
        <Tr>
          <Th>Task</Th>
          <Th>Status</Th>
          <Th>Agent</Th>
          <Th>Why this agent</Th>
          <Th priority="optional">Priority</Th>
          <Th>Created</Th>
          <Th priority="optional">Started</Th>
          <Th priority="optional">Finished</Th>
          <Th priority="secondary">Duration</Th>
          <Th priority="secondary">Cost</Th>
        </Tr>
      </THead>
      <TBody>
        {tasks.map((task) => (
          <Tr key={task.id}>
            <RowTh truncate className="max-w-48">
              <button
                type="button"
                onClick={() => onOpen(task)}
                className="max-w-full cursor-pointer truncate text-left font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {summaryOf(task)}
              </button>
            </RowTh>
            <Td className="whitespace-nowrap">
              <FleetTaskStatusBadge status={task.status} />
            </Td>
            <Td className="min-w-28">
              <TaskAgents agentIds={task.agentIds} names={names} />
            </Td>
            {/* One line; the full text on hover (the table titles cut-off text) and in the task's detail. */}
            <Td truncate className="text-slate-600">
              <Reason task={task} reason={reasons?.get(task.id)} />
            </Td>
            <Td priority="optional" className="whitespace-nowrap text-slate-600">
              {formatNumber(task.priority)}
            </Td>
            <Td className="text-slate-600">
              <TaskTime value={task.createdAt} />
            </Td>
            <Td priority="optional" className="text-slate-600">
              <TaskTime value={task.startedAt} />
            </Td>
            <Td priority="optional" className="text-slate-600">
              <TaskTime value={task.finishedAt} />
            </Td>
            <Td priority="secondary" className="whitespace-nowrap text-slate-600">
              {task.durationMs === null ? <span className="text-slate-400">—</span> : formatElapsed(task.durationMs)}
            </Td>
            <Td priority="secondary" className="whitespace-nowrap text-slate-600">
              {task.llmCalls === 0 ? (
                <span className="text-slate-400">—</span>
              ) : (
                <span title={`${formatNumber(task.usage.inputTokens)} in, ${formatNumber(task.usage.outputTokens)} out`}>
                  {formatCost(task.costUsd)} · {formatNumber(task.usage.inputTokens + task.usage.outputTokens)} tok
                </span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
