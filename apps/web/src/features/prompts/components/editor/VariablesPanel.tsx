import type { Diagnostic } from '@agent-fleet/contracts';
import { Braces, Plus } from 'lucide-react';
import { Button } from '../../../../components/ui/Button';
import { Card } from '../../../../components/ui/Card';
import { newVariable, type VariableDraft, type VariableErrors } from '../../draft/variable-drafts';
import { VariableRow } from './VariableRow';

/** Mirrors the contract's limit so the button disables before the server would refuse. */
const MAX_VARIABLES = 100;

export interface VariablesPanelProps {
  variables: readonly VariableDraft[];
  onChange: (variables: VariableDraft[]) => void;
  /** By row key. */
  errors: Readonly<Record<string, VariableErrors>>;
  /** Analysis findings; those naming a declared variable without a place in the text show on its row. */
  diagnostics: readonly Diagnostic[];
  disabled?: boolean;
}

/** Declares the template's variables: their types drive validation, defaults and the playground's form. */
export function VariablesPanel({ variables, onChange, errors, diagnostics, disabled }: VariablesPanelProps) {
  const update = (key: string, patch: Partial<VariableDraft>) =>
    onChange(variables.map((variable) => (variable.key === key ? { ...variable, ...patch } : variable)));
  const remove = (key: string) => onChange(variables.filter((variable) => variable.key !== key));
  const add = () => onChange([...variables, newVariable()]);
  const warningsOf = (name: string) =>
    diagnostics
      .filter((diagnostic) => diagnostic.variable === name && diagnostic.line === undefined)
      .map((diagnostic) => diagnostic.message);

  return (
    <Card
      title="Variables"
      description="What callers pass in. Undeclared variables are errors; unused ones are warnings."
      actions={
        !disabled && (
          <Button
            size="sm"
            onClick={add}
            disabled={variables.length >= MAX_VARIABLES}
            icon={<Plus className="size-3.5" aria-hidden="true" />}
          >
            Add variable
          </Button>
        )
      }
    >
      {variables.length === 0 ? (
        <div className="flex flex-col items-center py-4 text-center">
          <Braces className="size-5 text-slate-300" aria-hidden="true" />
          <p className="mt-2 text-sm text-slate-500">
            No variables yet. Use <code className="font-mono text-xs">{'{{ name }}'}</code> in the template and declare it here.
          </p>
        </div>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Variables">
          {variables.map((variable, index) => (
            <VariableRow
              key={variable.key}
              variable={variable}
              number={index + 1}
              errors={errors[variable.key] ?? {}}
              warnings={variable.name ? warningsOf(variable.name.trim()) : []}
              onChange={(patch) => update(variable.key, patch)}
              onRemove={() => remove(variable.key)}
              disabled={disabled}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}
