import { useEffect, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/FormAlert';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import type { VariableDeclaration } from '../../prompts/types';
import { VariableValueField } from '../../prompts/components/playground/VariableValueField';
import {
  inputsFromValues,
  toConversationVariables,
  undeclaredValues,
  variableProblems,
  type ConversationVariables,
} from '../prompt-variables';

/** A refusal to show in the form: the save that failed, or the message that led the user here. */
export interface VariablesProblem {
  title: string;
  error: unknown;
}

export interface DeclaredVariablesFormProps {
  /** The form's id, for the dialog's submit button. */
  id: string;
  declarations: readonly VariableDeclaration[];
  stored: ConversationVariables;
  problem: VariablesProblem | null;
  onSubmit: (variables: ConversationVariables) => void;
}

/** One input per variable the template declares, checked here before anything is sent. */
export function DeclaredVariablesForm({ id, declarations, stored, problem, onSubmit }: DeclaredVariablesFormProps) {
  const [inputs, setInputs] = useState(() => inputsFromValues(declarations, stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { ref, focusFirstError } = useFocusFirstError();
  const names = declarations.map((declaration) => declaration.name);
  const server = variableProblems(problem?.error, names);
  const kept = Object.keys(undeclaredValues(declarations, stored));

  // Keyed on the error, not the wrapper the dialog rebuilds on every render: focus moves once per refusal.
  const refusal = problem?.error;
  useEffect(() => {
    if (refusal) focusFirstError();
  }, [refusal, focusFirstError]);

  const change = (name: string, value: string | boolean) => {
    setInputs((current) => ({ ...current, [name]: value }));
    setErrors(({ [name]: _fixed, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toConversationVariables(declarations, inputs, stored);
    setErrors(result.errors);
    if (Object.keys(result.errors).length > 0) focusFirstError();
    else onSubmit(result.values);
  };

  return (
    <form id={id} ref={ref} onSubmit={submit} noValidate className="flex flex-col gap-4">
      {problem && server.banner !== null && <FormAlert title={problem.title}>{server.banner}</FormAlert>}
      {declarations.map((declaration) => (
        <VariableValueField
          key={declaration.name}
          idPrefix={id}
          declaration={declaration}
          value={inputs[declaration.name] ?? ''}
          onChange={(value) => change(declaration.name, value)}
          error={errors[declaration.name] ?? server.byField[declaration.name]}
        />
      ))}
      <p className="text-xs text-slate-500">
        An empty field uses the template&apos;s default.
        {kept.length > 0 && ` Also kept, though the template does not declare them: ${kept.join(', ')}.`}
      </p>
    </form>
  );
}
