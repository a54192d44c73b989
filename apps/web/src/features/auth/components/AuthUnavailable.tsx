import { ErrorState } from '../../../components/ui/ErrorState';
import { useAuth } from '../useAuth';

/** The server could not be asked whether a session exists: say so instead of showing a login. */
export function AuthUnavailable() {
  const { error, retry } = useAuth();
  return (
    <div className="flex min-h-full items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <ErrorState error={error} title="Cannot reach Agent Fleet" onRetry={retry} />
      </div>
    </div>
  );
}
