import { Play } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { useRunPermissions } from '../../hooks/useRunPermissions';

// Loaded on first opening: the pipeline pages it sits on already carry CodeMirror and React Flow.
const RunDialog = lazy(() => import('./RunDialog').then((module) => ({ default: module.RunDialog })));

/** "Run" (on a pipeline's page) or "New run" and its dialog; nothing for roles that may not start runs. */
export function RunPipelineButton({ pipeline }: { pipeline?: string }) {
  const { canCreate } = useRunPermissions();
  const [open, setOpen] = useState(false);
  if (!canCreate) return null;
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} icon={<Play className="size-4" aria-hidden="true" />}>
        {pipeline ? 'Run' : 'New run'}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <RunDialog open onClose={() => setOpen(false)} {...(pipeline ? { pipeline } : {})} />
        </Suspense>
      )}
    </>
  );
}
