import { clsx } from 'clsx';
import { useConnectionStatus } from '../lib/realtime/use-connection-status';

const LABELS = {
  connecting: 'Live updates: connecting',
  connected: 'Live updates: connected',
  reconnecting: 'Live updates: reconnecting',
  offline: 'Live updates: offline',
} as const;

const DOTS = {
  connecting: 'bg-slate-300',
  connected: 'bg-emerald-500',
  reconnecting: 'bg-amber-500 animate-pulse',
  offline: 'bg-red-500',
} as const;

const SHORT = { connecting: 'Connecting', connected: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' } as const;

/** The realtime connection's state: whether what the pages show still updates by itself. */
export function LiveStatus() {
  const status = useConnectionStatus();
  if (status === null) return null;
  const label = LABELS[status];
  return (
    <span
      role="status"
      aria-label={label}
      data-live-status={status}
      title={label}
      className="inline-flex items-center gap-2 rounded-full px-2.5 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-200"
    >
      <span className={clsx('size-2 rounded-full', DOTS[status])} aria-hidden="true" />
      <span className="hidden sm:inline" aria-hidden="true">
        {SHORT[status]}
      </span>
    </span>
  );
}
