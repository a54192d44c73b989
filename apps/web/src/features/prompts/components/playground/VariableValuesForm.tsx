import type { VariableInputs } from '../../draft/variable-values';
import type { VariableDeclaration } from '../../types';
import { VariableValueField } from './VariableValueField';

export interface VariableValuesFormProps {
  idPrefix: string;
  declarations: readonly VariableDeclaration[];
  inputs: VariableInputs;
  onChange: (name: string, value: string | boolean) => void;
  /** By variable name: typing problems found here and the server's `variables.<name>` errors. */
  errors: Readonly<Record<string, string>>;
}

/** A form generated from the declared variables; the output follows it live. */
export function VariableValuesForm({ idPrefix, declarations, inputs, onChange, errors }: VariableValuesFormProps) {
  if (declarations.length === 0) {
    return <p className="text-sm text-slate-500">No variables are declared: the output is always the same.</p>;
  }
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="sr-only">Variables</legend>
      {declarations.map((declaration) => (
        <VariableValueField
          key={declaration.name}
          idPrefix={idPrefix}
          declaration={declaration}
          value={inputs[declaration.name] ?? (declaration.type === 'boolean' ? false : '')}
          onChange={(value) => onChange(declaration.name, value)}
          error={errors[declaration.name]}
        />
      ))}
    </fieldset>
  );
}
