import { MailQuestion } from 'lucide-react';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles';
import { Spinner } from '../../../components/ui/Spinner';
import { useSetupStatus } from '../api';
import { useAuth } from '../useAuth';
import { AcceptInvitationCard } from './AcceptInvitationCard';
import { AccountForm } from './AccountForm';
import { AuthCard } from './AuthCard';
import { AuthSplash } from './AuthSplash';

const signInLink = (next?: string) => (next ? `/login?${new URLSearchParams({ next }).toString()}` : '/login');

/** `/signup?invite=<token>` accepts an invitation; without one it is open sign-up, when enabled. */
export function SignupPage() {
  const { status } = useAuth();
  const [searchParams] = useSearchParams();
  const invite = searchParams.get('invite') ?? undefined;
  const invitedEmail = searchParams.get('email') ?? undefined;
  const setup = useSetupStatus();
  // Signed in by this page's own form: the invitation is used, so go on into the app. Someone who
  // arrived signed in is offered to accept the invitation with their account instead.
  const [signedOutHere, setSignedOutHere] = useState(false);
  if (status === 'signed-out' && !signedOutHere) setSignedOutHere(true);

  if (status === 'restoring') return <AuthSplash />;
  if (status === 'signed-in') {
    return invite && !signedOutHere ? <AcceptInvitationCard token={invite} /> : <Navigate to="/agents" replace />;
  }
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

  if (invite) {
    return (
      <AuthCard
        title="Accept your invitation"
        description="Create your account to join the workspace you were invited to."
        footer={
          <>
            Already have an account?{' '}
            <Link
              to={signInLink(`/signup?invite=${encodeURIComponent(invite)}`)}
              className="font-medium text-indigo-600 hover:text-indigo-500"
            >
              Sign in to accept
            </Link>
          </>
        }
      >
        <AccountForm submitLabel="Create account" inviteToken={invite} initialEmail={invitedEmail} />
      </AuthCard>
    );
  }

  if (setup.isPending) {
    return (
      <div className="flex justify-center py-10">
        <Spinner className="size-5 text-indigo-600" label="Loading" />
      </div>
    );
  }

  if (setup.data?.signupOpen) {
    return (
      <AuthCard
        title="Create your account"
        description="You get a workspace of your own to build agents in."
        footer={
          <>
            Already have an account?{' '}
            <Link to="/login" className="font-medium text-indigo-600 hover:text-indigo-500">
              Sign in
            </Link>
          </>
        }
      >
        <AccountForm submitLabel="Create account" />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Sign-up is by invitation"
      description="Ask a workspace admin to invite you. Their invitation link brings you back here."
    >
      <div className="flex flex-col items-center gap-5 text-center">
        <div className="flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100">
          <MailQuestion className="size-6" aria-hidden="true" />
        </div>
        <Link to="/login" className={buttonClasses('secondary', 'md', 'w-full')}>
          Back to sign in
        </Link>
      </div>
    </AuthCard>
  );
}
