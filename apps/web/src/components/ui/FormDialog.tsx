import { useId, type FormEvent, type ReactNode, type Ref } from 'react';
import { Button } from './Button';
import { Dialog, type DialogProps } from './Dialog';
import { FormAlert } from './FormAlert';

/** The dialog renders the form: its fields are the children. */
interface OwnForm {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** A failure no field shows, above the fields, under `bannerTitle`. */
  banner?: string | null;
  bannerTitle?: string;
  /** For `useSchemaForm`'s focus handling. */
  formRef?: Ref<HTMLFormElement>;
  formId?: never;
}

/** The form is a component of its own among the children, rendering `<form id={formId}>`. */
interface ChildForm {
  formId: string;
  onSubmit?: never;
  banner?: never;
  bannerTitle?: never;
  formRef?: never;
}

export type FormDialogProps = Omit<DialogProps, 'footer' | 'children' | 'dismissible'> &
  (OwnForm | ChildForm) & {
    /** The submit button's text, e.g. "Create role". */
    submitLabel: string;
    /** While the submit is in flight: the buttons wait and the dialog cannot be dismissed. */
    pending: boolean;
    children: ReactNode;
  };

/** A dialog holding one form: its fields, a banner for what they cannot show, and Cancel and submit buttons. */
export function FormDialog({
  submitLabel,
  pending,
  onSubmit,
  banner,
  bannerTitle = 'Could not save',
  formRef,
  formId,
  children,
  onClose,
  ...dialog
}: FormDialogProps) {
  const ownId = useId();
  return (
    <Dialog
      {...dialog}
      onClose={onClose}
      dismissible={!pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId ?? ownId} variant="primary" loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {formId !== undefined ? (
        children
      ) : (
        <form ref={formRef} id={ownId} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {banner && <FormAlert title={bannerTitle}>{banner}</FormAlert>}
          {children}
        </form>
      )}
    </Dialog>
  );
}
