import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Field } from '../../../../components/ui/Field';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Input } from '../../../../components/ui/Input';
import { placeErrors } from '../../../../lib/form-errors';
import { STARTER_PIPELINE_YAML } from '../../example';
import { useCreatePipeline } from '../../mutations';

export interface NewPipelineDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Names a new pipeline and creates its version 1 from a small valid example, then opens the editor:
 * an empty document would start the user on a wall of validation errors.
 */
export function NewPipelineDialog({ open, onClose }: NewPipelineDialogProps) {
  const navigate = useNavigate();
  const create = useCreatePipeline();
  const [name, setName] = useState('');
  const placed = create.error ? placeErrors(create.error, ['name']) : null;

  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), format: 'yaml', source: STARTER_PIPELINE_YAML, commitMessage: 'Created from the example' },
      { onSuccess: (detail) => void navigate(`/pipelines/${encodeURIComponent(detail.name)}`) },
    );
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New pipeline"
      description="It starts as a small example with two steps; edit it in the YAML editor next."
      submitLabel="Create pipeline"
      pending={create.isPending}
      onSubmit={submit}
      banner={placed?.banner ?? null}
      bannerTitle="Could not create the pipeline"
    >
      <Field
        id="pipeline-name"
        label="Name"
        error={placed?.byField.name}
        hint='Letters, digits, ".", "_" and "-"; runs refer to it as name@label.'
      >
        {(control) => (
          <Input
            {...control}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="ticket-triage"
            className="font-mono"
          />
        )}
      </Field>
    </FormDialog>
  );
}
