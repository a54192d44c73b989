import { Skeleton } from '../../../components/ui/Skeleton';

const ROWS = 6;

/** Same rhythm as the real table, so the page does not jump when data arrives. */
export function AgentsTableSkeleton() {
  return (
    <div role="status" aria-label="Loading agents" className="divide-y divide-slate-100">
      <div className="flex gap-6 bg-slate-50/80 px-5 py-3">
        {[24, 16, 14, 20, 18, 14].map((width, index) => (
          <Skeleton key={index} className="h-3" style={{ width: `${width}%` }} />
        ))}
      </div>
      {Array.from({ length: ROWS }, (_, row) => (
        <div key={row} className="flex items-center gap-6 px-5 py-4">
          <div className="flex w-[24%] flex-col gap-1.5">
            <Skeleton className="h-3.5 w-3/4" />
            <Skeleton className="h-2.5 w-1/2" />
          </div>
          <Skeleton className="h-3 w-[16%]" />
          <Skeleton className="h-5 w-[10%] rounded-full" />
          <Skeleton className="h-4 w-[20%]" />
          <Skeleton className="h-3 w-[18%]" />
          <Skeleton className="h-3 w-[10%]" />
        </div>
      ))}
    </div>
  );
}
