import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Notice } from '../../../components/ui/Notice';
import { Textarea } from '../../../components/ui/Textarea';
import { prettyJson } from '../../../lib/json';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import { parseVariablesJson, variableProblems, type ConversationVariables } from '../prompt-variables';
import type { VariablesProblem } from './DeclaredVariablesForm';

export interface JsonVariablesFormProps {
  /** The form's id, for the dialog's submit button. */
  id: string;
  stored: ConversationVariables;
  /** Why the declared variables are not offered as fields. */
  reason: string;
  problem: VariablesProblem | null;
  onSubmit: (variables: ConversationVariables) => void;
}

/** The variables as one JSON object, for when the template's declarations cannot be read. */
export function JsonVariablesForm({ id, stored, reason, problem, onSubmit }: JsonVariablesFormProps) {
  const [text, setText] = useState(() => prettyJson(stored));
  const [error, setError] = useState<string>();
  const { ref, focusFirstError } = useFocusFirstError();
  const server = variableProblems(problem?.error, []);

  // Keyed on the error, not the wrapper the dialog rebuilds on every render: focus moves once per refusal.
  const refusal = problem?.error;
  useEffect(() => {
    if (refusal) focusFirstError();
  }, [refusal, focusFirstError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = parseVariablesJson(text);
    if (result.ok) {
      onSubmit(result.values);
      return;
    }
    setError(result.error);
    focusFirstError();
  };

  return (
    <form id={id} ref={ref} onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Notice tone="info" title="Edit the values as JSON">
        {reason}
      </Notice>
      {problem && server.banner !== null && <FormAlert title={problem.title}>{server.banner}</FormAlert>}
      <Field
        id={`${id}-json`}
        label="Variables (JSON)"
        error={error}
        hint='An object of name → value, e.g. {"customer": "ACME", "tier": 2}'
      >
        {(control) => (
          <Textarea
            {...control}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setError(undefined);
            }}
            rows={8}
            spellCheck={false}
            className="font-mono text-xs"
          />
        )}
      </Field>
    </form>
  );
}
