import { Trash2, TriangleAlert } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Select } from '../../../../components/ui/Select';
import type { VariableDraft, VariableErrors } from '../../draft/variable-drafts';
import { VARIABLE_TYPES, type VariableType } from '../../types';
import { VariableDefaultInput } from './VariableDefaultInput';

export interface VariableRowProps {
  variable: VariableDraft;
  /** 1-based, for the accessible names of the row's own buttons. */
  number: number;
  errors: VariableErrors;
  /** Advice from analysis about this variable, e.g. that it is never used. */
  warnings: readonly string[];
  onChange: (patch: Partial<VariableDraft>) => void;
  onRemove: () => void;
  disabled?: boolean;
}

const TYPE_LABELS: Record<VariableType, string> = {
  string: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
  enum: 'One of…',
  list: 'List (JSON)',
  object: 'Object (JSON)',
};

export function VariableRow({ variable, number, errors, warnings, onChange, onRemove, disabled }: VariableRowProps) {
  const id = (field: string) => `variable-${variable.key}-${field}`;
  const changeType = (type: VariableType) =>
    // A default typed for the old type rarely fits the new one; starting empty beats a confusing error.
    onChange({ type, defaultValue: type === variable.type ? variable.defaultValue : '' });

  return (
    <li
      className="rounded-lg border border-slate-200 bg-slate-50/50 p-3 animate-fade-in"
      aria-label={variable.name ? `Variable ${variable.name}` : `Variable ${number}`}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto_auto] sm:items-start">
        <Field id={id('name')} label="Variable name" error={errors.name}>
          {(control) => (
            <Input
              {...control}
              value={variable.name}
              onChange={(event) => onChange({ name: event.target.value })}
              disabled={disabled}
              placeholder="customer_name"
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <Field id={id('type')} label="Type">
          {(control) => (
            <Select
              {...control}
              value={variable.type}
              onChange={(event) => changeType(event.target.value as VariableType)}
              disabled={disabled}
            >
              {VARIABLE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex h-full items-center gap-2 sm:pt-6">
          <input
            id={id('required')}
            type="checkbox"
            checked={variable.required}
            onChange={(event) => onChange({ required: event.target.checked })}
            disabled={disabled}
            className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
          />
          <label htmlFor={id('required')} className="text-sm text-slate-700">
            Required
          </label>
        </div>
        <Button
          variant="danger-ghost"
          size="icon"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove variable ${variable.name || number}`}
          className="sm:mt-6"
        >
          <Trash2 className="size-4" aria-hidden="true" />
        </Button>
      </div>

      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2">
        {variable.type === 'enum' && (
          <Field
            id={id('options')}
            label="Options"
            error={errors.options}
            hint="Comma-separated, e.g. formal, casual"
            className="sm:col-span-2"
          >
            {(control) => (
              <Input
                {...control}
                value={variable.options}
                onChange={(event) => onChange({ options: event.target.value })}
                disabled={disabled}
                placeholder="formal, casual"
              />
            )}
          </Field>
        )}
        <Field id={id('default')} label="Default" optional error={errors.defaultValue}>
          {(control) => (
            <VariableDefaultInput
              control={control}
              variable={variable}
              onChange={(defaultValue) => onChange({ defaultValue })}
              disabled={disabled}
            />
          )}
        </Field>
        <Field id={id('description')} label="Description" optional error={errors.description}>
          {(control) => (
            <Input
              {...control}
              value={variable.description}
              onChange={(event) => onChange({ description: event.target.value })}
              disabled={disabled}
              placeholder="What the caller should pass"
            />
          )}
        </Field>
      </div>

      {warnings.map((warning) => (
        <p key={warning} className="mt-2 flex items-center gap-1.5 text-xs text-amber-700">
          <TriangleAlert className="size-3.5 shrink-0" aria-hidden="true" />
          {warning}
        </p>
      ))}
    </li>
  );
}
