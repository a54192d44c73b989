import { Play } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { useRunPermissions } from '../../hooks/useRunPermissions';
import { RunDialog } from './RunDialog';

/** "Run" and its dialog, for the pipeline page; nothing for roles that may not start runs. */
export function RunPipelineButton({ pipeline }: { pipeline?: string }) {
  const { canCreate } = useRunPermissions();
  const [open, setOpen] = useState(false);
  if (!canCreate) return null;
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} icon={<Play className="size-4" aria-hidden="true" />}>
        {pipeline ? 'Run' : 'New run'}
      </Button>
      <RunDialog open={open} onClose={() => setOpen(false)} {...(pipeline ? { pipeline } : {})} />
    </>
  );
}
