import { RefreshCw, TriangleAlert } from 'lucide-react';
import { clsx } from 'clsx';
import { isApiError } from '../../lib/api-error';
import { Button } from './Button';

export interface ErrorStateProps {
  error: unknown;
  /** Heading; defaults to the problem's title. */
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}

/** A failed load: what went wrong, the request id for support, and a retry. */
export function ErrorState({ error, title, onRetry, retrying = false, className }: ErrorStateProps) {
  const apiError = isApiError(error) ? error : undefined;
  const heading = title ?? apiError?.title ?? 'Something went wrong';
  const detail = apiError?.detail ?? (apiError ? undefined : error instanceof Error ? error.message : undefined);

  return (
    <div role="alert" className={clsx('flex flex-col items-center px-6 py-14 text-center animate-fade-in', className)}>
      <div className="mb-4 flex size-12 items-center justify-center rounded-xl bg-red-50 text-red-600 ring-1 ring-red-100">
        <TriangleAlert className="size-6" aria-hidden="true" />
      </div>
      <h2 className="text-base font-semibold text-slate-900">{heading}</h2>
      {detail && <p className="mt-1.5 max-w-md text-sm text-slate-500">{detail}</p>}
      {apiError?.requestId && <p className="mt-2 font-mono text-xs text-slate-400">Request ID: {apiError.requestId}</p>}
      {onRetry && (
        <Button className="mt-5" onClick={onRetry} loading={retrying} icon={<RefreshCw className="size-4" aria-hidden="true" />}>
          Try again
        </Button>
      )}
    </div>
  );
}
