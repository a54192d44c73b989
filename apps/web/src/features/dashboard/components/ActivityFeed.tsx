import type { DashboardActivity, DashboardActivityKind } from '@agent-fleet/contracts';
import { clsx } from 'clsx';
import { AlertTriangle, CheckCircle2, CircleStop, Gauge, Play, PlayCircle, ShieldCheck, type LucideIcon } from 'lucide-react';
import { Link } from 'react-router';
import { Card } from '../../../components/ui/Card';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { linkPath } from '../dashboard-params';

const KINDS: Record<DashboardActivityKind, { label: string; Icon: LucideIcon; tone: string }> = {
  task_started: { label: 'Task started', Icon: Play, tone: 'text-indigo-600' },
  task_finished: { label: 'Task finished', Icon: CheckCircle2, tone: 'text-emerald-600' },
  run_started: { label: 'Run started', Icon: PlayCircle, tone: 'text-indigo-600' },
  run_finished: { label: 'Run finished', Icon: CircleStop, tone: 'text-emerald-600' },
  approval: { label: 'Approval', Icon: ShieldCheck, tone: 'text-amber-600' },
  error: { label: 'Error', Icon: AlertTriangle, tone: 'text-red-600' },
  limit_trip: { label: 'Limit tripped', Icon: Gauge, tone: 'text-amber-600' },
};

/** A finished task or run that did not succeed reads as a failure. */
const failed = (item: DashboardActivity) =>
  (item.kind === 'task_finished' || item.kind === 'run_finished') && item.detail !== 'succeeded';

/** What happened in the range, newest first, each item linking to its page. Refreshed by live events. */
export function ActivityFeed({ activity }: { activity: readonly DashboardActivity[] }) {
  return (
    <Card title="Activity" description="Tasks, runs, approvals, errors and limit trips, newest first." flush>
      {activity.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-400">Nothing happened in this range.</p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Activity">
          {activity.map((item) => {
            const kind = KINDS[item.kind];
            const to = linkPath(item.link);
            const text = (
              <>
                <span className="font-medium text-slate-900">{kind.label}</span>
                <span className="text-slate-500"> · {item.subject}</span>
              </>
            );
            return (
              <li key={item.id} className="flex min-w-0 items-center gap-3 px-5 py-2.5">
                <kind.Icon className={clsx('size-4 shrink-0', failed(item) ? 'text-red-600' : kind.tone)} aria-hidden="true" />
                <div className="min-w-0 flex-1 truncate text-sm">
                  {to ? (
                    <Link to={to} className="hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </div>
                <span className={clsx('hidden shrink-0 text-xs sm:inline', failed(item) ? 'text-red-600' : 'text-slate-500')}>
                  {item.detail}
                </span>
                <time dateTime={item.at} title={formatDateTime(item.at)} className="shrink-0 text-xs text-slate-500">
                  {formatRelativeTime(item.at)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
