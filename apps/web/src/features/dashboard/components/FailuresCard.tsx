import type { DashboardFailure } from '@agent-fleet/contracts';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { linkPath } from '../dashboard-params';

const SOURCE: Record<DashboardFailure['source'], string> = { call: 'Provider call', task: 'Agent task', run: 'Pipeline run' };

/** The range's latest failed calls, tasks and runs, each with its error class and a link to it. */
export function FailuresCard({ failures }: { failures: readonly DashboardFailure[] }) {
  return (
    <Card title="Recent failures" description="Failed provider calls, agent tasks and pipeline runs." flush>
      {failures.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-400">No failures in this range.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Recent failures">
          {failures.map((failure) => {
            const to = linkPath(failure.link);
            const title = `${SOURCE[failure.source]} · ${failure.subject}`;
            return (
              <li key={`${failure.source}:${failure.id}`} className="flex min-w-0 flex-col gap-1 px-5 py-3">
                <div className="flex min-w-0 items-center justify-between gap-3">
                  {to ? (
                    <Link
                      to={to}
                      className="truncate text-sm font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      {title}
                    </Link>
                  ) : (
                    <span className="truncate text-sm font-medium text-slate-900">{title}</span>
                  )}
                  <time dateTime={failure.at} title={formatDateTime(failure.at)} className="shrink-0 text-xs text-slate-500">
                    {formatRelativeTime(failure.at)}
                  </time>
                </div>
                <div className="flex min-w-0 items-center gap-2">
                  <Badge tone="red">{failure.errorClass}</Badge>
                  <span className="truncate text-xs text-slate-500">{failure.message}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
