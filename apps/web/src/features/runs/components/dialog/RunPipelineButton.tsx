import { List, Play } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../../components/ui/Button';
import { buttonClasses } from '../../../../components/ui/button-styles';
import { usePermission } from '../../../auth/usePermission';
import { useRunPermissions } from '../../hooks/useRunPermissions';

// Loaded on first opening: the pipeline pages it sits on also load the code editor and the graph.
const RunDialog = lazy(() => import('./RunDialog').then((module) => ({ default: module.RunDialog })));

/**
 * "New run" and its dialog; on a pipeline's page (`pipeline` given) "Run" and a link to that pipeline's
 * runs. Each shows only to roles that may use it.
 */
export function RunPipelineButton({ pipeline }: { pipeline?: string }) {
  const { canCreate } = useRunPermissions();
  const canRead = usePermission('runs:read');
  const [open, setOpen] = useState(false);
  return (
    <>
      {pipeline && canRead && (
        <Link to={`/runs?pipeline=${encodeURIComponent(pipeline)}`} className={buttonClasses('secondary', 'md')}>
          <List className="size-4" aria-hidden="true" />
          Runs
        </Link>
      )}
      {canCreate && (
        <Button variant="primary" onClick={() => setOpen(true)} icon={<Play className="size-4" aria-hidden="true" />}>
          {pipeline ? 'Run' : 'New run'}
        </Button>
      )}
      {open && (
        <Suspense fallback={null}>
          <RunDialog open onClose={() => setOpen(false)} {...(pipeline ? { pipeline } : {})} />
        </Suspense>
      )}
    </>
  );
}
