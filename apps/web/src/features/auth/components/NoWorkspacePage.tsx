import { Building2, LogOut, Plus } from 'lucide-react';
import { useState } from 'react';
import { LogoMark } from '../../../app/LogoMark';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { CreateWorkspaceDialog } from '../../workspaces/components/CreateWorkspaceDialog';
import { useAuth } from '../useAuth';

/** Signed in, but every membership was removed or deactivated: offer a way forward. */
export function NoWorkspacePage() {
  const { user, signOut } = useAuth();
  const [creating, setCreating] = useState(false);
  return (
    <div className="flex min-h-full flex-col items-center justify-center px-4 py-12">
      <title>No workspace · Agent Fleet</title>
      <LogoMark className="mb-8 size-11" />
      <main id="main" className="w-full max-w-lg rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
        <EmptyState
          icon={<Building2 />}
          title="You are not in any workspace"
          description={`${user?.email ?? 'Your account'} has no active membership: it was removed or deactivated. Create a workspace of your own, or ask an admin for a new invitation.`}
          action={
            <>
              <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus className="size-4" aria-hidden="true" />}>
                Create workspace
              </Button>
              <Button onClick={() => void signOut()} icon={<LogOut className="size-4" aria-hidden="true" />}>
                Sign out
              </Button>
            </>
          }
        />
      </main>
      <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
