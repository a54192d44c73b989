import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Field } from '../../../components/ui/Field';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { useToast } from '../../../components/ui/useToast';
import { useFormErrors } from '../../../lib/useFormErrors';
import { createWorkspace } from '../../auth/api';
import { useAuth } from '../../auth/useAuth';

const FIELDS = ['name'] as const;

export interface CreateWorkspaceDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Creates a workspace owned by the current user and switches to it. The server checks the name and its
 * field errors show beside the field: the dialog is part of the app's shell, on every page, and checking
 * the one field here would load the schema library with it.
 */
export function CreateWorkspaceDialog({ open, onClose }: CreateWorkspaceDialogProps) {
  const { reloadMe, switchWorkspace } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const fieldId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const form = useFormErrors(FIELDS);
  const create = useMutation({ mutationFn: createWorkspace });

  const close = () => {
    setName('');
    form.reset();
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.clearBanner();
    create.mutate(
      { name },
      {
        onSuccess: async (workspace) => {
          await reloadMe();
          switchWorkspace(workspace.id);
          toast.success('Workspace created', `You own “${workspace.name}”. Invite people from Members.`);
          close();
          await navigate('/agents');
        },
        onError: form.showError,
      },
    );
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Create workspace"
      description="A separate space with its own agents, members and API keys. You become its owner."
      initialFocusRef={inputRef}
      submitLabel="Create workspace"
      pending={create.isPending}
      onSubmit={submit}
      formRef={form.ref}
      banner={form.banner}
      bannerTitle="Could not create the workspace"
    >
      <Field id={`${fieldId}-name`} label="Workspace name" error={form.errors.name}>
        {(control) => (
          <Input
            {...control}
            ref={inputRef}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              form.clearError('name');
            }}
            maxLength={100}
            placeholder="e.g. Research team"
            autoComplete="off"
          />
        )}
      </Field>
    </FormDialog>
  );
}
