import type { ProviderTestResult } from '@agent-fleet/contracts';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { Spinner } from '../../../components/ui/Spinner';
import { errorMessage } from '../../../lib/api-error';
import { formatNumber, pluralize } from '../../../lib/format';

export interface ProviderTestOutcomeProps {
  pending: boolean;
  result: ProviderTestResult | undefined;
  /** The request itself failed (e.g. 403, 500), as opposed to the provider refusing it. */
  error: unknown;
}

/** The last connection test of a provider: latency and model count, or why it failed. Announced politely. */
export function ProviderTestOutcome({ pending, result, error }: ProviderTestOutcomeProps) {
  const content = () => {
    if (pending) {
      return (
        <span className="inline-flex items-center gap-1.5 text-slate-500">
          <Spinner className="size-3.5" /> Testing…
        </span>
      );
    }
    if (error) return <Failure message={errorMessage(error)} />;
    if (!result) return null;
    if (!result.ok)
      return <Failure message={result.error?.message ?? 'The provider did not answer.'} code={result.error?.code} />;
    return (
      <span className="inline-flex items-start gap-1.5 text-emerald-700">
        <CircleCheck className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
        <span>
          Connected in {formatNumber(result.latencyMs)} ms
          {result.models.length > 0 && ` · ${pluralize(result.models.length, 'model')}`}
        </span>
      </span>
    );
  };

  return (
    <div role="status" aria-live="polite" className="mt-1.5 max-w-64 text-xs empty:hidden">
      {content()}
    </div>
  );
}

function Failure({ message, code }: { message: string; code?: string | undefined }) {
  return (
    <span className="inline-flex items-start gap-1.5 text-red-700" title={code}>
      <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
      <span className="break-words">{message}</span>
    </span>
  );
}
