import { WorkspaceCreateSchema } from '@agent-fleet/contracts';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { useToast } from '../../../components/ui/useToast';
import { errorMessage } from '../../../lib/api-error';
import { submitErrors } from '../../../lib/form-errors';
import { createWorkspace } from '../../auth/api';
import { useAuth } from '../../auth/useAuth';

export interface CreateWorkspaceDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Creates a workspace owned by the current user and switches to it. */
export function CreateWorkspaceDialog({ open, onClose }: CreateWorkspaceDialogProps) {
  const { reloadMe, switchWorkspace } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const formId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const create = useMutation({ mutationFn: createWorkspace });
  const banner = create.error && !fieldError ? errorMessage(create.error) : null;

  const close = () => {
    setName('');
    setFieldError(undefined);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = WorkspaceCreateSchema.safeParse({ name });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      inputRef.current?.focus();
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: async (workspace) => {
        await reloadMe();
        switchWorkspace(workspace.id);
        toast.success('Workspace created', `You own “${workspace.name}”. Invite people from Members.`);
        close();
        await navigate('/agents');
      },
      onError: (error) => setFieldError(submitErrors(error, ['name']).byField.name),
    });
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create workspace"
      description="A separate space with its own agents, members and API keys. You become its owner."
      initialFocusRef={inputRef}
      dismissible={!create.isPending}
      footer={
        <>
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={create.isPending}>
            Create workspace
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="flex flex-col gap-4">
        {banner && <FormAlert title="Could not create the workspace">{banner}</FormAlert>}
        <Field id={`${formId}-name`} label="Workspace name" error={fieldError}>
          {(control) => (
            <Input
              {...control}
              ref={inputRef}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setFieldError(undefined);
              }}
              maxLength={100}
              placeholder="e.g. Research team"
              autoComplete="off"
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
