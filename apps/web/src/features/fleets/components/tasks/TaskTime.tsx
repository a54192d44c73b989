import { formatDateTime, formatRelativeTime } from '../../../../lib/format';

/** A moment of a task, relative ("2 min ago") with the full date and time on hover; a dash when it has not come. */
export function TaskTime({ value }: { value: string | null }) {
  if (value === null) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)} className="whitespace-nowrap">
      {formatRelativeTime(value)}
    </time>
  );
}
