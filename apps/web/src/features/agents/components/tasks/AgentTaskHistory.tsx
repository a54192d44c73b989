import { TASK_STATUSES, type TaskStatus } from '@agent-fleet/contracts';
import { ListChecks, SearchX } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { CursorPagination } from '../../../../components/ui/CursorPagination';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { Select } from '../../../../components/ui/Select';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { isApiError } from '../../../../lib/api-error';
import { pluralize } from '../../../../lib/format';
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
      const badCursor = isApiError(query.error) && query.error.code === 'invalid_cursor';
      return badCursor ? (
        <ErrorState error={query.error} title="This page link has expired" onRetry={list.goToFirst} />
      ) : (
        <ErrorState
          error={query.error}
          title="Could not load the task history"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
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
        <CursorPagination
          pageIndex={list.pageIndex}
          limit={params.limit}
          count={page.items.length}
          total={page.total}
          hasPrevious={list.hasPrevious}
          hasNext={page.nextCursor !== null}
          onPrevious={list.goToPrevious}
          onNext={() => page.nextCursor !== null && list.goToNext(page.nextCursor)}
          onLimitChange={(limit) => list.setFilters({ limit })}
        />
      </>
    );
  };

  return (
    <Card
      title="Task history"
      description={page && !params.status ? pluralize(page.total, 'task') : 'What this agent worked on, newest first.'}
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
