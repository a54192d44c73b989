import type { FleetTaskTree, FleetTaskTreeNode } from '@agent-fleet/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCost, formatElapsed, formatNumber } from '../../../../lib/format';
import { FleetTaskStatusBadge } from './FleetTaskStatusBadge';

export interface TaskWaterfallProps {
  tree: FleetTaskTree;
  /** Now, for the bars of what still runs. Default: the time of rendering. */
  now?: number;
}

const BAR_COLORS = {
  running: 'bg-sky-400',
  succeeded: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-slate-400',
} as const;
/** Narrowest bar, in percent of the track: a task of a millisecond stays visible. */
const MIN_WIDTH = 0.6;

/** Where a bar sits in the track, in percent of the span from `start` to `end`. */
export function barGeometry(from: number, to: number, start: number, end: number) {
  const span = Math.max(1, end - start);
  const left = Math.min(100 - MIN_WIDTH, Math.max(0, ((from - start) / span) * 100));
  const width = Math.max(MIN_WIDTH, Math.min(100 - left, ((to - from) / span) * 100));
  return { left, width };
}

function Track({ children }: { children: ReactNode }) {
  return <div className="relative h-3 w-full rounded-sm bg-slate-100">{children}</div>;
}

/** Who gave the node its work: the fleet's strategy, or the agent that delegated it. */
function Origin({ node, names }: { node: FleetTaskTreeNode; names: ReadonlyMap<string, string> }) {
  if (node.placement) {
    return (
      <p className="text-xs text-slate-600">
        <span className="font-medium text-slate-700">
          Placed by {node.placement.strategy}
          {node.placement.as === 'aggregator' ? ' (aggregator)' : ''}, attempt {node.placement.attempt}:
        </span>{' '}
        <span data-testid="routing-reason">{node.placement.reason}</span>
      </p>
    );
  }
  if (node.parentId === null) return <p className="text-xs text-slate-500">Placed by the fleet (no routing record found).</p>;
  return <p className="text-xs text-slate-600">Asked by {names.get(node.parentId) ?? 'another task'} as a tool.</p>;
}

/**
 * A fleet task as a waterfall: the task itself (queued, then placed), then each agent task under it,
 * indented by delegation depth, with a bar from its start to its end on one time axis, its status, its
 * cost and why it got the work.
 */
export function TaskWaterfall({ tree, now = Date.now() }: TaskWaterfallProps) {
  const { task, nodes } = tree;
  const start = Date.parse(task.createdAt);
  const endOf = (finishedAt: string | null) => (finishedAt ? Date.parse(finishedAt) : now);
  const end = Math.max(endOf(task.finishedAt), ...nodes.map((node) => endOf(node.finishedAt)), start + 1);
  // Parent task ids → the asking agent's name, for "asked by".
  const askers = new Map(nodes.map((node) => [node.id, node.agentName ?? 'a deleted agent']));
  const queuedUntil = task.startedAt ? Date.parse(task.startedAt) : endOf(task.finishedAt);
  const taskBar = barGeometry(start, endOf(task.finishedAt), start, end);
  const queueBar = barGeometry(start, queuedUntil, start, end);

  return (
    <ol aria-label="Waterfall" className="flex min-w-0 flex-col divide-y divide-slate-100">
      <li className="flex min-w-0 flex-col gap-1.5 py-3">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium text-slate-900">Fleet task</span>
          <FleetTaskStatusBadge status={task.status} />
          <span className="text-xs text-slate-500">
            {task.durationMs === null ? 'not ended' : formatElapsed(Date.parse(task.finishedAt ?? '') - start)} ·{' '}
            {formatCost(tree.totalCostUsd)}
          </span>
        </div>
        <Track>
          <div
            className="absolute inset-y-0 rounded-sm bg-indigo-200"
            style={{ left: `${taskBar.left}%`, width: `${taskBar.width}%` }}
            title="From submission to end"
          />
          {queuedUntil > start && (
            <div
              className="absolute inset-y-0 rounded-sm bg-amber-300"
              style={{ left: `${queueBar.left}%`, width: `${queueBar.width}%` }}
              title={`Queued ${formatElapsed(queuedUntil - start)}`}
            />
          )}
        </Track>
      </li>
      {nodes.map((node) => {
        const from = Date.parse(node.startedAt);
        const bar = barGeometry(from, endOf(node.finishedAt), start, end);
        return (
          <li
            key={node.id}
            data-testid="waterfall-node"
            className="flex min-w-0 flex-col gap-1.5 py-3"
            style={{ paddingLeft: `${Math.min(node.depth, 6) * 1.25}rem` }}
          >
            <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
              {node.depth > 0 && (
                <span aria-hidden="true" className="text-slate-400">
                  ↳
                </span>
              )}
              <Link
                to={`/agents/${node.agentId}/tasks/${node.id}`}
                className="min-w-0 font-medium break-words text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {node.agentName ?? 'Deleted agent'}
              </Link>
              <FleetTaskStatusBadge status={node.status} />
              <span className="text-xs text-slate-500">
                +{formatElapsed(from - start)} · {node.durationMs === null ? 'running' : formatElapsed(node.durationMs)} ·{' '}
                <span data-testid="node-cost">{formatCost(node.costUsd)}</span> · {formatNumber(node.llmCalls)} LLM calls
              </span>
            </div>
            <Origin node={node} names={askers} />
            {node.error && (
              <p className="text-xs text-red-600">
                {node.error.code}: {node.error.message}
              </p>
            )}
            <Track>
              <div
                className={`absolute inset-y-0 rounded-sm ${BAR_COLORS[node.status]}`}
                style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                title={`${node.agentName ?? 'Deleted agent'}: ${node.durationMs === null ? 'running' : formatElapsed(node.durationMs)}`}
              />
            </Track>
          </li>
        );
      })}
    </ol>
  );
}
