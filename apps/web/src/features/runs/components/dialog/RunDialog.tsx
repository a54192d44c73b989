import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Field } from '../../../../components/ui/Field';
import { FormDialog } from '../../../../components/ui/FormDialog';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import { placeErrors } from '../../../../lib/form-errors';
import { VariableValuesForm } from '../../../prompts/components/playground/VariableValuesForm';
import { initialInputs, type VariableInputs } from '../../../prompts/draft/variable-values';
import { useCreateRun } from '../../mutations';
import { usePipelineChoices, usePipelineToRun, useRunDefinition } from '../../queries';
import { inputDeclarations, toRunInput } from '../../run-inputs';

export interface RunDialogProps {
  open: boolean;
  onClose: () => void;
  /** The pipeline to run; without it the dialog offers a choice of the workspace's pipelines. */
  pipeline?: string;
}

/** A fresh key per opened dialog: a double submit or a retried request starts the run once. */
const newIdempotencyKey = () => globalThis.crypto.randomUUID();

function RunDialogForm({ onClose, pipeline: fixed }: Omit<RunDialogProps, 'open'>) {
  const navigate = useNavigate();
  const create = useCreateRun();
  const choices = usePipelineChoices(fixed === undefined);
  const [chosen, setChosen] = useState(fixed ?? '');
  const name = fixed ?? chosen;
  const detail = usePipelineToRun(name);
  const [label, setLabel] = useState('latest');
  const labels = detail.data?.labels ?? {};
  const version = name === '' ? undefined : (labels[label] ?? detail.data?.latestVersion);
  const definition = useRunDefinition(name === '' ? undefined : name, version);
  const declarations = inputDeclarations(definition.data?.definition.inputs);
  const [fields, setFields] = useState<VariableInputs>({});
  const [priority, setPriority] = useState('0');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);

  const serverErrors = create.error
    ? placeErrors(create.error, (path) => {
        const [head, input] = path.split('.');
        if (head === 'input' && input) return input;
        return head === 'priority' || head === 'pipeline' ? head : undefined;
      })
    : null;
  const shownErrors: Record<string, string> = { ...(serverErrors?.byField as Record<string, string> | undefined), ...errors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (name === '') next['pipeline'] = 'Choose a pipeline';
    const { values, errors: inputErrors } = toRunInput(declarations, { ...initialInputs(declarations), ...fields });
    Object.assign(next, inputErrors);
    const level = Number(priority.trim() === '' ? '0' : priority);
    if (!Number.isInteger(level) || level < -100 || level > 100) next['priority'] = 'A whole number from -100 to 100';
    setErrors(next);
    if (Object.keys(next).length > 0 || !definition.data) return;
    create.mutate(
      { body: { pipeline: `${name}@${label}`, input: values as never, priority: level }, idempotencyKey },
      { onSuccess: (run) => void navigate(`/runs/${run.id}`) },
    );
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      title={fixed ? `Run ${fixed}` : 'Run a pipeline'}
      description="The run is pinned to the version the label points at now; editing the pipeline later does not change it."
      submitLabel="Start run"
      pending={create.isPending}
      onSubmit={submit}
      banner={
        serverErrors && serverErrors.unmatched.length + Object.keys(serverErrors.byField).length === 0
          ? serverErrors.banner
          : null
      }
      bannerTitle="Could not start the run"
      size="lg"
    >
      {!fixed && (
        <Field id="run-pipeline" label="Pipeline" error={shownErrors['pipeline']}>
          {(control) => (
            <Select
              {...control}
              value={chosen}
              onChange={(event) => {
                setChosen(event.target.value);
                setLabel('latest');
                setFields({});
              }}
            >
              <option value="">Choose…</option>
              {(choices.data?.items ?? []).map((item) => (
                <option key={item.id} value={item.name}>
                  {item.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {name !== '' && (
        <Field id="run-label" label="Version" hint={version === undefined ? undefined : `Runs version ${version}`}>
          {(control) => (
            <Select {...control} value={label} onChange={(event) => setLabel(event.target.value)}>
              {Object.keys(labels).length === 0 && <option value="latest">latest</option>}
              {Object.entries(labels).map(([option, at]) => (
                <option key={option} value={option}>
                  {option} (v{at})
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {definition.data && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Inputs</h3>
          {declarations.length === 0 ? (
            <p className="text-sm text-slate-500">This pipeline declares no inputs.</p>
          ) : (
            <VariableValuesForm
              idPrefix="run-input"
              declarations={declarations}
              inputs={{ ...initialInputs(declarations), ...fields }}
              onChange={(field, value) => setFields((current) => ({ ...current, [field]: value }))}
              errors={shownErrors}
            />
          )}
        </div>
      )}
      {definition.isError && <p className="text-sm text-red-600">Could not load this version’s inputs.</p>}
      <Field
        id="run-priority"
        label="Priority"
        optional
        error={shownErrors['priority']}
        hint="From -100 to 100; higher runs first when the pipeline is busy."
      >
        {(control) => (
          <Input {...control} inputMode="numeric" value={priority} onChange={(event) => setPriority(event.target.value)} />
        )}
      </Field>
    </FormDialog>
  );
}

/** Starts a run: inputs from the pipeline's declarations (typed, required, defaults), a label, a priority. */
export function RunDialog({ open, ...props }: RunDialogProps) {
  // Mounted only while open, so each opening starts blank with a new idempotency key.
  return open ? <RunDialogForm {...props} /> : null;
}
