import { ArrowLeft, FileQuestion } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { buttonClasses } from '../../../../components/ui/button-styles';
import { Card } from '../../../../components/ui/Card';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { Notice } from '../../../../components/ui/Notice';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { QueryBoundary } from '../../../../components/ui/QueryBoundary';
import { DetailPageSkeleton } from '../../../../components/ui/Skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '../../../../components/ui/Table';
import { formatCost, formatNumber } from '../../../../lib/format';
import { describeTaskInput } from '../../task-input';
import { TASKS_TAB } from '../../task-list-params';
import { useFleetTaskTree } from '../../task-queries';
import { FleetTaskStatusBadge } from './FleetTaskStatusBadge';
import { TaskWaterfall } from './TaskWaterfall';

/** The path of a fleet task's waterfall. */
export const fleetTaskPath = (fleetId: string, taskId: string) => `/fleets/${fleetId}/tasks/${taskId}`;

function TaskNotFound({ fleetId }: { fleetId: string }) {
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <title>Task not found · Agent Fleet</title>
      <EmptyState
        icon={<FileQuestion />}
        title="Task not found"
        description="It may belong to another fleet, or the link is wrong."
        action={
          <Link to={`/fleets/${fleetId}?tab=${TASKS_TAB}`} className={buttonClasses('secondary')}>
            Back to the fleet’s tasks
          </Link>
        }
      />
    </div>
  );
}

/** One fleet task as a waterfall: who asked whom, when, why each was chosen, and what each agent spent. */
export function FleetTaskPage() {
  const { id = '', taskId = '' } = useParams();
  const query = useFleetTaskTree(id, taskId);
  return (
    <QueryBoundary
      query={query}
      errorTitle="Could not load the task"
      errorCard
      loading={<DetailPageSkeleton label="Loading task" />}
      notFound={<TaskNotFound fleetId={id} />}
    >
      {(tree) => {
        const input = describeTaskInput(tree.task.input);
        return (
          <>
            <title>{`Task ${tree.task.id.slice(0, 8)} · Fleets · Agent Fleet`}</title>
            <PageHeader
              title={<span className="break-words">Task {tree.task.id.slice(0, 8)}</span>}
              meta={<FleetTaskStatusBadge status={tree.task.status} />}
              description={<span className="line-clamp-2 break-words">{input}</span>}
              actions={
                <Link to={`/fleets/${id}?tab=${TASKS_TAB}`} className={buttonClasses('secondary')}>
                  <ArrowLeft className="size-4" aria-hidden="true" />
                  Fleet tasks
                </Link>
              }
            />
            <div className="flex min-w-0 flex-col gap-6">
              {tree.truncated && (
                <Notice tone="warning" title="Only the first 500 agent tasks are shown">
                  This task delegated more work than one page shows.
                </Notice>
              )}
              <Card
                title="Waterfall"
                description="The task, each agent task it placed and each task those delegated, on one time axis."
              >
                {tree.nodes.length === 0 ? (
                  <>
                    <TaskWaterfall tree={tree} />
                    <p className="pt-2 text-sm text-slate-500">
                      {tree.task.status === 'queued'
                        ? (tree.task.waitingReason ?? 'Waiting for a member.')
                        : tree.task.status === 'running'
                          ? 'Running: its agent tasks appear here as they start.'
                          : 'No agent task ran for it.'}
                    </p>
                  </>
                ) : (
                  <TaskWaterfall tree={tree} />
                )}
              </Card>
              <Card title="Cost per agent" description={`Total ${formatCost(tree.totalCostUsd)} (US dollars).`} flush>
                {tree.costByAgent.length === 0 ? (
                  <p className="px-5 py-4 text-sm text-slate-500">Nothing spent yet.</p>
                ) : (
                  <Table aria-label="Cost per agent">
                    <THead>
                      <Tr>
                        <Th>Agent</Th>
                        <Th>Tasks</Th>
                        <Th>LLM calls</Th>
                        <Th>Cost</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {tree.costByAgent.map((row) => (
                        <Tr key={row.agentId}>
                          <Td className="min-w-32 break-words">{row.agentName ?? 'Deleted agent'}</Td>
                          <Td>{formatNumber(row.tasks)}</Td>
                          <Td>{formatNumber(row.llmCalls)}</Td>
                          <Td>{formatCost(row.costUsd)}</Td>
                        </Tr>
                      ))}
                      <Tr>
                        <Td className="font-medium">Total</Td>
                        <Td>{formatNumber(tree.nodes.length)}</Td>
                        <Td>{formatNumber(tree.costByAgent.reduce((sum, row) => sum + row.llmCalls, 0))}</Td>
                        <Td className="font-medium">{formatCost(tree.totalCostUsd)}</Td>
                      </Tr>
                    </TBody>
                  </Table>
                )}
              </Card>
            </div>
          </>
        );
      }}
    </QueryBoundary>
  );
}
