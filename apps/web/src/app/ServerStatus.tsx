import { useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';

/** Polls readiness so a stopped server is noticed before the next save fails. */
const POLL_MS = 30_000;

async function checkReady(signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch('/readyz', { signal, headers: { accept: 'application/json' } });
    return response.ok;
  } catch {
    return false;
  }
}

export function ServerStatus() {
  const { data: ready, isPending } = useQuery({
    queryKey: ['server', 'ready'],
    queryFn: ({ signal }) => checkReady(signal),
    refetchInterval: POLL_MS,
    retry: false,
    staleTime: POLL_MS,
  });
  const label = isPending ? 'Checking server' : ready ? 'Server online' : 'Server unreachable';
  return (
    <span
      role="status"
      className="inline-flex items-center gap-2 rounded-full px-2.5 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-200"
    >
      <span
        className={clsx('size-2 rounded-full', isPending ? 'bg-slate-300' : ready ? 'bg-emerald-500' : 'bg-red-500')}
        aria-hidden="true"
      />
      <span className="hidden sm:inline">{label}</span>
      <span className="sr-only sm:hidden">{label}</span>
    </span>
  );
}
