import { Button } from '../../../../components/ui/Button';
import { Notice } from '../../../../components/ui/Notice';
import { errorMessage, isApiError } from '../../../../lib/api-error';
import type { LabelFailure } from '../../hooks/useLabelActions';

export interface LabelFailureNoticeProps {
  failure: LabelFailure;
  onDismiss: () => void;
}

/** A refused label change, worded for the usual cause: a protected label needs `prompts:manage`. */
export function LabelFailureNotice({ failure, onDismiss }: LabelFailureNoticeProps) {
  const forbidden = isApiError(failure.error) && failure.error.status === 403;
  return (
    <Notice
      tone="danger"
      className="mb-4"
      title={forbidden ? `You may not change “${failure.label}”` : `${failure.action} failed`}
      actions={
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      }
    >
      <p>{errorMessage(failure.error)}</p>
      {forbidden && (
        <p className="mt-1">Ask a workspace admin to move it, or to grant your role the prompts:manage permission.</p>
      )}
    </Notice>
  );
}
