import { Inbox } from 'lucide-react';
import { Link } from 'react-router';
import { EmptyState } from '../../../../components/ui/EmptyState';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { PageHeader } from '../../../../components/ui/PageHeader';
import { TableSkeleton } from '../../../../components/ui/TableSkeleton';
import { formatDateTime, formatRelativeTime, pluralize } from '../../../../lib/format';
import { shortId } from '../../format';
import { useApprovals } from '../../queries';
import { ApprovalPanel } from '../detail/ApprovalPanel';

/** Approvals waiting for a decision across the workspace; those this user may decide can be decided here. */
export function ApprovalsPage() {
  const query = useApprovals({ poll: true });
  const items = query.data;

  const renderBody = () => {
    if (query.isError) {
      return (
        <ErrorState
          error={query.error}
          title="Could not load approvals"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      );
    }
    if (!items) return <TableSkeleton label="Loading approvals" columns={[30, 30, 20]} />;
    if (items.length === 0) {
      return (
        <EmptyState
          icon={<Inbox />}
          title="Nothing waits for approval"
          description="Approval steps of running pipelines show up here."
        />
      );
    }
    return (
      <ul aria-label="Waiting approvals" className="divide-y divide-slate-100">
        {items.map((item) => (
          <li key={`${item.runId}-${item.step}`} className="flex flex-col gap-2 px-5 py-4">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
              <span className="font-mono text-[13px] break-all text-slate-800">
                {item.pipelineName} v{item.version}
              </span>
              <Link to={`/runs/${item.runId}`} className="font-mono text-indigo-600 hover:underline">
                run {shortId(item.runId)}
              </Link>
              <span>
                requested{' '}
                <time dateTime={item.requestedAt} title={formatDateTime(item.requestedAt)}>
                  {formatRelativeTime(item.requestedAt)}
                </time>
              </span>
            </div>
            <ApprovalPanel
              runId={item.runId}
              step={item.step}
              message={item.message}
              form={item.form}
              roles={item.roles}
              dueAt={item.dueAt}
              canDecide={item.canDecide}
              compact
            />
          </li>
        ))}
      </ul>
    );
  };

  return (
    <>
      <title>Approvals · Agent Fleet</title>
      <PageHeader
        title="Approvals"
        description={items ? `${pluralize(items.length, 'approval')} waiting` : 'Pipeline steps waiting for a person to decide.'}
      />
      <div className="min-w-0 overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200">{renderBody()}</div>
    </>
  );
}
