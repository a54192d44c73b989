import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { FormAlert } from '../../../components/ui/FormAlert';
import { useToast } from '../../../components/ui/useToast';
import { acceptInvitation } from '../api';
import { signUpProblem } from '../sign-up-problem';
import { useAuth } from '../useAuth';
import { AuthCard } from './AuthCard';

/** An invitation opened while signed in: join its workspace with the current account. */
export function AcceptInvitationCard({ token }: { token: string }) {
  const { user, reloadMe, switchWorkspace, signOut } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const accept = useMutation({
    mutationFn: () => acceptInvitation(token),
    onSuccess: async (workspace) => {
      await reloadMe();
      switchWorkspace(workspace.id);
      toast.success('Invitation accepted', `You joined “${workspace.name}”.`);
      await navigate('/agents', { replace: true });
    },
  });
  const problem = accept.error ? signUpProblem(accept.error) : null;

  return (
    <AuthCard
      title="Join a workspace"
      description={
        <>
          You are signed in as <span className="font-medium text-slate-700">{user?.email}</span>. Accept the invitation to join
          its workspace with this account.
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {problem && <FormAlert title={problem.title}>{problem.detail}</FormAlert>}
        <Button variant="primary" className="w-full" loading={accept.isPending} onClick={() => accept.mutate()}>
          Accept invitation
        </Button>
        <Button className="w-full" disabled={accept.isPending} onClick={() => void signOut()}>
          Use another account
        </Button>
      </div>
    </AuthCard>
  );
}
