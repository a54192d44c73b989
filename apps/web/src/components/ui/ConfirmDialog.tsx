import { useRef, type ReactNode } from 'react';
import { errorMessage } from '../../lib/api-error';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Notice } from './Notice';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  /** Label of the confirming button, e.g. "Delete agent". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Danger styles the confirm button red. Default 'danger'. */
  tone?: 'danger' | 'primary';
  /** True while the confirmed action runs: the dialog stays open and cannot be dismissed. */
  pending?: boolean;
  /** Shown inside the dialog when the action failed, so the user can retry or cancel. */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something irreversible. Focus starts on Cancel, so Enter never destroys by accident. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'danger',
  pending = false,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      description={description}
      initialFocusRef={cancelRef}
      dismissible={!pending}
      footer={
        <>
          <Button ref={cancelRef} onClick={onCancel} disabled={pending}>
            {cancelLabel}
          </Button>
          <Button variant={tone} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error !== null && error !== undefined && (
        <Notice tone="danger" title="That did not work">
          {errorMessage(error)}
        </Notice>
      )}
    </Dialog>
  );
}
