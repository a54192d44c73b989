import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import { formatDefault } from '../../prompts/draft/variable-drafts';
import type { VariableDeclaration } from '../../prompts/types';
import { isMandatory } from '../prompt-variables';

export interface VariableFieldProps {
  /** Makes ids unique on the page. */
  idPrefix: string;
  declaration: VariableDeclaration;
  /** Text for most types, a boolean for the checkbox. */
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string | undefined;
}

function hintOf({ type, description }: VariableDeclaration): string | undefined {
  const shape = type === 'list' ? 'A JSON list' : type === 'object' ? 'A JSON object' : undefined;
  const hint = [description, shape].filter(Boolean).join(' · ');
  return hint === '' ? undefined : hint;
}

/** Marks a variable the next message cannot do without; the label itself stays the variable's name. */
function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-600" aria-hidden="true" title="Required">
      *
    </span>
  );
}

/** One declared variable's input, chosen by its type; the default shows as the placeholder. */
export function VariableField({ idPrefix, declaration, value, onChange, error }: VariableFieldProps) {
  const id = `${idPrefix}-${declaration.name}`;
  const mandatory = isMandatory(declaration);
  const text = typeof value === 'string' ? value : '';
  const placeholder = declaration.default === undefined ? undefined : formatDefault(declaration.default);

  if (declaration.type === 'boolean') {
    const hintId = declaration.description ? `${id}-hint` : undefined;
    const errorId = error ? `${id}-error` : undefined;
    return (
      <div className="flex flex-col gap-1">
        <div className="flex items-center gap-2">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
            className="size-4 rounded border-slate-300 text-indigo-600"
          />
          <label htmlFor={id} className="font-mono text-sm text-slate-800">
            {declaration.name}
          </label>
        </div>
        {error && (
          <p id={errorId} className="text-xs font-medium text-red-600">
            {error}
          </p>
        )}
        {hintId && (
          <p id={hintId} className="text-xs text-slate-500">
            {declaration.description}
          </p>
        )}
      </div>
    );
  }

  return (
    <Field
      id={id}
      label={
        <>
          <span className="font-mono">{declaration.name}</span>
          {mandatory && <RequiredMark />}
        </>
      }
      error={error}
      hint={hintOf(declaration)}
    >
      {(control) => {
        const common = { ...control, 'aria-required': mandatory || undefined };
        switch (declaration.type) {
          case 'enum':
            return (
              <Select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
                <option value="">{placeholder === undefined ? 'Not set' : `Default (${placeholder})`}</option>
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
                {...common}
                type="number"
                step="any"
                value={text}
                placeholder={placeholder}
                onChange={(event) => onChange(event.target.value)}
              />
            );
          case 'list':
          case 'object':
            return (
              <Textarea
                {...common}
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
              <Input {...common} value={text} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
            );
        }
      }}
    </Field>
  );
}
