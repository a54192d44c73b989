import { TASK_STATUSES, type TaskStatus } from '@agent-fleet/contracts';
import { ListChecks, SearchX } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { ListPagination } from '../../../../components/ui/ListPagination';
import { ListErrorState } from '../../../../components/ui/ListErrorState';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { Select } from '../../../../components/ui/Select';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { pluralizeTotal } from '../../../../lib/format';
import { useAgentTasks } from '../../api';
import { useAgentTaskParams } from '../../hooks/useAgentTaskParams';
import { TASK_STATUS_META } from '../../task-status';
import { AgentTasksTable } from './AgentTasksTable';

const SKELETON_COLUMNS = [10, 10, 30, 12, 8, 12, 8, 10];

/** The work an agent did (chat turns, questions from other agents), newest first, with what it cost. */
export function AgentTaskHistory({ agentId }: { agentId: string }) {
  const list = useAgentTaskParams();
  const { params } = list;
  const query = useAgentTasks(agentId, params);
  const page = query.data;

  const body = () => {
    if (query.isError) {
      return (
        <ListErrorState
          error={query.error}
          title="Could not load the task history"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          onFirstPage={list.goToFirst}
        />
      );
    }
    if (!page) return <TableSkeleton label="Loading tasks" columns={SKELETON_COLUMNS} rows={3} />;
    if (page.items.length === 0) {
      if (params.status) {
        return (
          <EmptyState
            icon={<SearchX />}
            title={`No ${TASK_STATUS_META[params.status].label.toLowerCase()} tasks`}
            action={<Button onClick={() => list.setFilters({ status: undefined })}>Show all tasks</Button>}
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
          icon={<ListChecks />}
          title="No tasks yet"
          description="Each chat turn and each question another agent asks this one shows up here, with its tokens and cost."
        />
      );
    }
    return (
      <>
        <AgentTasksTable agentId={agentId} tasks={page.items} stale={query.isPlaceholderData} />
        <ListPagination list={list} limit={params.limit} page={page} />
      </>
    );
  };

  return (
    <Card
      title="Task history"
      description={page && !params.status ? pluralizeTotal(page, 'task') : 'What this agent worked on, newest first.'}
      flush
      actions={
        <>
          <label htmlFor="agent-task-status" className="sr-only">
            Task status
          </label>
          <Select
            id="agent-task-status"
            value={params.status ?? ''}
            onChange={(event) => list.setFilters({ status: (event.target.value || undefined) as TaskStatus | undefined })}
            className="w-40"
          >
            <option value="">All statuses</option>
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {TASK_STATUS_META[status].label}
              </option>
            ))}
          </Select>
        </>
      }
    >
      {body()}
    </Card>
  );
}
