import { Navigate } from 'react-router';
import { Spinner } from '../../../components/ui/Spinner';
import { useSetupStatus } from '../api';
import { AccountForm } from './AccountForm';
import { AuthCard } from './AuthCard';

/** First run: whoever opens a fresh install creates the owner of the default workspace. */
export function SetupPage() {
  const setup = useSetupStatus();

  if (setup.data && !setup.data.needsSetup) return <Navigate to="/login" replace />;

  return (
    <AuthCard
      title="Create the owner account"
      description="Welcome to Agent Fleet. This first account owns the default workspace and can invite everyone else."
      footer="Only the first person to open a new installation sees this page."
    >
      {setup.isPending ? (
        <div className="flex justify-center py-10">
          <Spinner className="size-5 text-indigo-600" label="Loading" />
        </div>
      ) : (
        <AccountForm submitLabel="Create owner account" />
      )}
    </AuthCard>
  );
}
