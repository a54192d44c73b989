import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import { Textarea } from '../../../../components/ui/Textarea';
import { formatDefault } from '../../draft/format-default';
import type { VariableDeclaration } from '../../types';

export interface VariableValueFieldProps {
  /** Makes ids unique when two forms share a page. */
  idPrefix: string;
  declaration: VariableDeclaration;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string | undefined;
}

function hintOf(declaration: VariableDeclaration): string | undefined {
  const parts = [declaration.description];
  if (declaration.default !== undefined && declaration.type !== 'boolean') {
    parts.push(`Empty uses the default: ${formatDefault(declaration.default)}`);
  } else if (declaration.type === 'list' || declaration.type === 'object') {
    parts.push(declaration.type === 'list' ? 'A JSON list' : 'A JSON object');
  }
  const hint = parts.filter(Boolean).join(' · ');
  return hint === '' ? undefined : hint;
}

/**
 * One variable's input, chosen by its declared type; used by the playground and by a conversation's
 * variables. A default shows as the placeholder; a required variable without one is `aria-required`.
 */
export function VariableValueField({ idPrefix, declaration, value, onChange, error }: VariableValueFieldProps) {
  const id = `${idPrefix}-${declaration.name}`;
  const text = typeof value === 'string' ? value : '';
  const placeholder = declaration.default === undefined ? undefined : formatDefault(declaration.default);
  const mandatory = declaration.required && declaration.default === undefined;

  if (declaration.type === 'boolean') {
    return (
      <div className="flex flex-col gap-1">
        <div className="flex items-center gap-2">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="size-4 rounded border-slate-300 text-indigo-600"
          />
          <label htmlFor={id} className="font-mono text-sm text-slate-800">
            {declaration.name}
          </label>
        </div>
        {declaration.description && <p className="text-xs text-slate-500">{declaration.description}</p>}
        {error && (
          <p id={`${id}-error`} className="text-xs font-medium text-red-600">
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <Field
      id={id}
      label={<span className="font-mono">{declaration.name}</span>}
      optional={!declaration.required || declaration.default !== undefined}
      error={error}
      hint={hintOf(declaration)}
    >
      {(field) => {
        const control = { ...field, 'aria-required': mandatory || undefined };
        switch (declaration.type) {
          case 'enum':
            return (
              <Select {...control} value={text} onChange={(event) => onChange(event.target.value)}>
                <option value="">{declaration.default === undefined ? 'Choose…' : 'Use the default'}</option>
                {(declaration.options ?? []).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </Select>
            );
          case 'number':
            return (
              <Input
                {...control}
                inputMode="decimal"
                value={text}
                placeholder={placeholder}
                onChange={(event) => onChange(event.target.value)}
              />
            );
          case 'list':
          case 'object':
            return (
              <Textarea
                {...control}
                value={text}
                onChange={(event) => onChange(event.target.value)}
                rows={3}
                spellCheck={false}
                className="font-mono text-xs"
                placeholder={placeholder ?? (declaration.type === 'list' ? '["a", "b"]' : '{"key": "value"}')}
              />
            );
          default:
            return (
              <Textarea
                {...control}
                value={text}
                placeholder={placeholder}
                onChange={(event) => onChange(event.target.value)}
                rows={2}
              />
            );
        }
      }}
    </Field>
  );
}
