import type { PipelineRun } from '@agent-fleet/contracts';
import { Ban, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../../components/ui/Button';
import { ConfirmDialog } from '../../../../components/ui/ConfirmDialog';
import { useToast } from '../../../../components/ui/useToast';
import { errorMessage } from '../../../../lib/api-error';
import { useRunPermissions } from '../../hooks/useRunPermissions';
import { useCancelRun, useRetryRun } from '../../mutations';
import { isActiveRun, isRetryableRun } from '../../run-status';

/** Cancel for an active run, Retry from failed for a failed or cancelled one; both need `runs:update`. */
export function RunActions({ run }: { run: PipelineRun }) {
  const { canUpdate } = useRunPermissions();
  const cancel = useCancelRun();
  const retry = useRetryRun();
  const [confirming, setConfirming] = useState(false);
  const toast = useToast();
  if (!canUpdate) return null;
  return (
    <>
      {isActiveRun(run.status) && (
        <Button variant="danger" onClick={() => setConfirming(true)} icon={<Ban className="size-4" aria-hidden="true" />}>
          Cancel run
        </Button>
      )}
      {isRetryableRun(run.status) && (
        <Button
          loading={retry.isPending}
          onClick={() =>
            retry.mutate(run.id, { onError: (error) => toast.error('Could not retry the run', errorMessage(error)) })
          }
          icon={<RotateCw className="size-4" aria-hidden="true" />}
        >
          Retry from failed
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Cancel this run?"
        description="Its open steps stop and its child runs are cancelled. Steps that finished keep their outputs; you can retry it later."
        confirmLabel="Cancel run"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate(run.id, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          cancel.reset();
          setConfirming(false);
        }}
      />
    </>
  );
}
