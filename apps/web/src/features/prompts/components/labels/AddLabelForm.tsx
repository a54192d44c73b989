import { LabelNameSchema, LATEST_LABEL } from '@agent-fleet/contracts';
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';

export interface AddLabelFormProps {
  existing: readonly string[];
  latestVersion: number;
  /** Resolves true when the label was created, so the form clears. */
  onAdd: (label: string, version: number) => Promise<boolean>;
  busy: boolean;
}

function labelError(label: string, existing: readonly string[]): string | undefined {
  if (label === '') return 'Name the label';
  if (label === LATEST_LABEL) return '“latest” is automatic';
  if (existing.includes(label)) return 'This label exists: move it above instead';
  return LabelNameSchema.safeParse(label).error?.issues[0]?.message;
}

/** Points a new label (e.g. staging, canary) at a version. */
export function AddLabelForm({ existing, latestVersion, onAdd, busy }: AddLabelFormProps) {
  const [label, setLabel] = useState('');
  const [version, setVersion] = useState(latestVersion);
  const [error, setError] = useState<string | undefined>();
  const numbers = Array.from({ length: latestVersion }, (_, index) => latestVersion - index);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = label.trim();
    const problem = labelError(trimmed, existing);
    setError(problem);
    if (problem) return;
    if (await onAdd(trimmed, version)) setLabel('');
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <Field id="new-label-name" label="New label" error={error} className="sm:w-64">
        {(control) => (
          <Input
            {...control}
            value={label}
            onChange={(event) => {
              setLabel(event.target.value);
              setError(undefined);
            }}
            placeholder="staging"
            autoCapitalize="none"
            spellCheck={false}
            className="font-mono"
          />
        )}
      </Field>
      <Field id="new-label-version" label="Version" className="sm:w-28">
        {(control) => (
          <Select {...control} value={version} onChange={(event) => setVersion(Number(event.target.value))}>
            {numbers.map((number) => (
              <option key={number} value={number}>
                v{number}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" loading={busy} className="sm:mt-7" icon={<Plus className="size-4" aria-hidden="true" />}>
        Add label
      </Button>
    </form>
  );
}
