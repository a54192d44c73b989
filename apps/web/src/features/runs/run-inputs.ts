import type { InputDeclaration } from '@agent-fleet/contracts';
import { toVariableValues, type VariableInputs, type VariableValues } from '../prompts/draft/variable-values';
import type { VariableDeclaration } from '../prompts/types';

/**
 * A pipeline's `inputs` as the prompt playground's variable declarations: the same six types with the same
 * required/default rules, so the run dialog reuses the playground's fields and typing.
 */
export function inputDeclarations(inputs: Record<string, InputDeclaration> | undefined): VariableDeclaration[] {
  return Object.entries(inputs ?? {}).map(([name, declaration]) => ({ ...declaration, name }));
}

/**
 * The run's `input`, typed as the API checks it, or the fields to fix: a mistyped value, or a required
 * input left empty with no default to fall back on.
 */
export function toRunInput(declarations: readonly VariableDeclaration[], fields: VariableInputs): VariableValues {
  const result = toVariableValues(declarations, fields);
  for (const declaration of declarations) {
    const missing = !(declaration.name in result.values);
    if (declaration.required && declaration.default === undefined && missing) result.errors[declaration.name] ??= 'Required';
  }
  return result;
}
