import { FileQuestion } from 'lucide-react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';

/** For an agent id the server does not know: deleted, or a mistyped link. */
export function AgentNotFound() {
  const navigate = useNavigate();
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <title>Agent not found · Agent Fleet</title>
      <EmptyState
        icon={<FileQuestion />}
        title="Agent not found"
        description="It may have been deleted, or the link is wrong."
        action={<Button onClick={() => void navigate('/agents')}>Back to agents</Button>}
      />
    </div>
  );
}
