import { Skeleton } from './Skeleton';

export interface TableSkeletonProps {
  /** Announced while loading, e.g. "Loading members". */
  label: string;
  /** Relative column widths in percent. */
  columns: readonly number[];
  rows?: number;
}

/** Placeholder rows in the rhythm of the table they stand in for, so nothing jumps on load. */
export function TableSkeleton({ label, columns, rows = 4 }: TableSkeletonProps) {
  return (
    <div role="status" aria-label={label} className="divide-y divide-slate-100">
      <div className="flex gap-6 bg-slate-50/80 px-5 py-3">
        {columns.map((width, index) => (
          <Skeleton key={index} className="h-3" style={{ width: `${width * 0.6}%` }} />
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex items-center gap-6 px-5 py-4">
          {columns.map((width, index) => (
            <Skeleton key={index} className={index === 0 ? 'h-4' : 'h-3'} style={{ width: `${width}%` }} />
          ))}
        </div>
      ))}
    </div>
  );
}
