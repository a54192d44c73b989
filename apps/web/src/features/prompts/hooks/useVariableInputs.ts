import { useMemo, useState } from 'react';
import { reconcileInputs, toVariableValues, type VariableInputs } from '../draft/variable-values';
import type { VariableDeclaration } from '../types';

/**
 * The playground's field values for a set of declarations. What was typed survives a change of
 * declarations (another version, an edited draft) for every variable that still exists.
 */
export function useVariableInputs(declarations: readonly VariableDeclaration[]) {
  const [inputs, setInputs] = useState<VariableInputs>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const current = useMemo(() => reconcileInputs(declarations, inputs), [declarations, inputs]);
  const parsed = useMemo(() => toVariableValues(declarations, current), [declarations, current]);
  const setInput = (name: string, value: string | boolean) => {
    setInputs((previous) => ({ ...previous, [name]: value }));
    setTouched((previous) => (previous.has(name) ? previous : new Set(previous).add(name)));
  };
  return { inputs: current, setInput, touched, ...parsed };
}
