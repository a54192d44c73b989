import { ShieldOff } from 'lucide-react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useAuth } from '../useAuth';

/** A page the current role may not open; the server would refuse its requests anyway. */
export function NoAccess({ what = 'this page' }: { what?: string }) {
  const { membership } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <title>No access · Agent Fleet</title>
      <EmptyState
        icon={<ShieldOff />}
        title="You don't have access"
        description={`Your role${membership ? ` (${membership.role})` : ''} in this workspace does not allow you to open ${what}. Ask an admin if you need it.`}
        action={<Button onClick={() => void navigate('/agents')}>Go to agents</Button>}
      />
    </div>
  );
}
