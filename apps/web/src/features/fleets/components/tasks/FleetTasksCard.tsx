import { FLEET_TASK_STATUSES, type FleetDetail, type FleetTaskStatus } from '@agent-fleet/contracts';
import { ListTodo, SearchX } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Button } from '../../../../components/ui/Button';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ListErrorState } from '../../../../components/ui/ListErrorState';
import { ListPagination } from '../../../../components/ui/ListPagination';
import { Select } from '../../../../components/ui/Select';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { pluralizeTotal } from '../../../../lib/format';
import { useFleetTaskListParams } from '../../hooks/useFleetTaskListParams';
import { TASK_STATUS_META } from '../../task-meta';
import { placementsOf, useFleetTasks, useRecentRoutingReasons } from '../../task-queries';
import { FleetTaskDialog } from './FleetTaskDialog';
import { FleetTaskTable } from './FleetTaskTable';

const SKELETON_COLUMNS = [22, 10, 12, 24, 8, 10];

export interface FleetTasksCardProps {
  fleet: FleetDetail;
  canExecute: boolean;
  /** The "Submit task" button, for the empty state. */
  submitButton: ReactNode;
}

/** The fleet's tasks, newest first: a status filter, pages, and each task's detail with its routing. */
export function FleetTasksCard({ fleet, canExecute, submitButton }: FleetTasksCardProps) {
  const list = useFleetTaskListParams();
  const { params, setFilters } = list;
  const query = useFleetTasks(fleet.id, params);
  const page = query.data;
  const reasons = useRecentRoutingReasons(fleet.id, placementsOf(page?.items));
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const names = new Map(fleet.members.map((member) => [member.agentId, member.agentName]));

  const renderBody = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load the tasks"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading tasks" columns={SKELETON_COLUMNS} />;
    if (page.items.length === 0) {
      if (params.status) {
        return (
          <EmptyState
            icon={<SearchX />}
            title={`No ${TASK_STATUS_META[params.status].label.toLowerCase()} tasks`}
            action={<Button onClick={() => setFilters({ status: undefined })}>Show every task</Button>}
          />
        );
      }
      if (list.hasPrevious) {
        return (
          <EmptyState title="This page is empty" action={<Button onClick={list.goToFirst}>Back to the first page</Button>} />
        );
      }
      return (
        <EmptyState
          icon={<ListTodo />}
          title="No tasks yet"
          description={
            canExecute
              ? 'Submit a task: the fleet’s strategy places it on a member, and each task here says which agent took it and why.'
              : 'Tasks submitted to this fleet show here, with the agent that took each and why. Your role can view them.'
          }
          action={canExecute && submitButton}
        />
      );
    }
    return (
      <>
        <FleetTaskTable
          tasks={page.items}
          names={names}
          reasons={reasons.data}
          stale={query.isPlaceholderData}
          onOpen={(task) => setOpenTaskId(task.id)}
        />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <section
      aria-labelledby="fleet-tasks-title"
      className="min-w-0 overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200"
    >
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-3 sm:flex-row sm:items-center">
        <div className="min-w-0">
          <h2 id="fleet-tasks-title" className="text-base font-semibold text-slate-900">
            Tasks
          </h2>
          <p className="text-sm text-slate-500">{page ? pluralizeTotal(page, 'task') : 'Work submitted to this fleet.'}</p>
        </div>
        <div className="sm:ml-auto">
          <label htmlFor="fleet-task-status-filter" className="sr-only">
            Status
          </label>
          <Select
            id="fleet-task-status-filter"
            value={params.status ?? ''}
            onChange={(event) => setFilters({ status: (event.target.value || undefined) as FleetTaskStatus | undefined })}
            className="sm:w-40"
          >
            <option value="">All statuses</option>
            {FLEET_TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {TASK_STATUS_META[status].label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {renderBody()}
      <FleetTaskDialog
        fleetId={fleet.id}
        taskId={openTaskId}
        names={names}
        canCancel={canExecute}
        onClose={() => setOpenTaskId(null)}
      />
    </section>
  );
}
