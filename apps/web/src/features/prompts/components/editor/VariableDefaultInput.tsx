import type { FieldControlProps } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import { parseOptions, type VariableDraft } from '../../draft/variable-drafts';

export interface VariableDefaultInputProps {
  control: FieldControlProps;
  variable: VariableDraft;
  onChange: (defaultValue: string) => void;
  disabled?: boolean;
}

const PLACEHOLDERS: Partial<Record<VariableDraft['type'], string>> = {
  string: 'No default',
  number: 'e.g. 3',
  list: '["a", "b"]',
  object: '{"key": "value"}',
};

/** The default's control follows the type: a choice for booleans and enums, text (or JSON) otherwise. */
export function VariableDefaultInput({ control, variable, onChange, disabled }: VariableDefaultInputProps) {
  if (variable.type === 'boolean' || variable.type === 'enum') {
    const choices = variable.type === 'boolean' ? ['true', 'false'] : parseOptions(variable.options);
    return (
      <Select {...control} value={variable.defaultValue} onChange={(event) => onChange(event.target.value)} disabled={disabled}>
        <option value="">No default</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </Select>
    );
  }
  const json = variable.type === 'list' || variable.type === 'object';
  return (
    <Input
      {...control}
      value={variable.defaultValue}
      onChange={(event) => onChange(event.target.value)}
      disabled={disabled}
      placeholder={PLACEHOLDERS[variable.type]}
      inputMode={variable.type === 'number' ? 'decimal' : undefined}
      spellCheck={json ? false : undefined}
      className={json ? 'font-mono text-xs' : undefined}
    />
  );
}
