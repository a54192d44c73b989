import { ErrorState } from '../../../../components/ui/ErrorState';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { usePipelineVersion } from '../../queries';

/** One version's text as it was saved, read-only. Plain text: no editor needs loading to read it. */
export function VersionSourceView({ name, version }: { name: string; version: number }) {
  const query = usePipelineVersion(name, version);
  if (query.isError)
    return <ErrorState error={query.error} title="Could not load the version" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton className="h-40 w-full" />;
  return (
    <pre
      aria-label={`Definition of version ${version}`}
      className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-[12.5px] leading-6 whitespace-pre-wrap break-all text-slate-800"
    >
      {query.data.source}
    </pre>
  );
}
