import { Compass } from 'lucide-react';
import { useNavigate } from 'react-router';
import { Button } from '../components/ui/Button';
import { EmptyState } from '../components/ui/EmptyState';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <title>Page not found · Agent Fleet</title>
      <EmptyState
        icon={<Compass />}
        title="Page not found"
        description="There is nothing at this address. It may have moved, or the link has a typo."
        action={
          <Button variant="primary" onClick={() => void navigate('/agents')}>
            Go to agents
          </Button>
        }
      />
    </div>
  );
}
