import { Navigate, Link, useLocation } from 'react-router';
import { Notice } from '../../../components/ui/Notice';
import { Spinner } from '../../../components/ui/Spinner';
import { useSetupStatus } from '../api';
import { useAuth } from '../useAuth';
import { AuthCard } from './AuthCard';
import { LoginForm } from './LoginForm';

export function LoginPage() {
  const { signedOutReason } = useAuth();
  const location = useLocation();
  const setup = useSetupStatus();

  // A fresh install has nobody to sign in as: the first visitor creates the owner account.
  if (setup.data?.needsSetup) return <Navigate to={{ pathname: '/setup', search: location.search }} replace />;

  return (
    <AuthCard
      title="Sign in to Agent Fleet"
      description="Welcome back. Sign in to manage your agents."
      footer={
        setup.data?.signupOpen ? (
          <>
            New here?{' '}
            <Link to="/signup" className="font-medium text-indigo-600 hover:text-indigo-500">
              Create an account
            </Link>
          </>
        ) : (
          'No account yet? Ask a workspace admin for an invitation link.'
        )
      }
    >
      {setup.isPending ? (
        <div className="flex justify-center py-10">
          <Spinner className="size-5 text-indigo-600" label="Loading" />
        </div>
      ) : (
        <div className="flex flex-col gap-5">
          {signedOutReason === 'expired' && (
            <Notice tone="info" title="Your session has ended">
              Sign in again to continue where you left off.
            </Notice>
          )}
          <LoginForm />
        </div>
      )}
    </AuthCard>
  );
}
