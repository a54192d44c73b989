import type { FieldError } from '@agent-fleet/contracts';
import { isApiError } from '../../../lib/api-error';
import type { MetaErrors, PromptMetaDraft } from './prompt-meta';
import type { VariableErrors } from './variable-drafts';

export type ConfigField = 'provider' | 'model' | 'temperature';

/** A failed save, sorted to where each problem is shown. */
export interface SaveProblems {
  meta: MetaErrors;
  /** By variable row key. */
  variables: Record<string, VariableErrors>;
  config: Partial<Record<ConfigField, string>>;
  commitMessage?: string;
  /** What has no field: shown above the form. */
  banner: { title: string; detail?: string | undefined; items: FieldError[]; requestId?: string | undefined } | null;
}

const META_FIELDS: readonly (keyof PromptMetaDraft)[] = ['name', 'category', 'tags', 'description'];
const VARIABLE_FIELDS: Record<string, keyof VariableErrors> = {
  name: 'name',
  default: 'defaultValue',
  options: 'options',
  description: 'description',
};

export const noSaveProblems = (): SaveProblems => ({ meta: {}, variables: {}, config: {}, banner: null });

/** Sorts a save error; `variableKeys` maps `variables.N` paths to rows. */
export function sortSaveError(error: unknown, variableKeys: readonly string[]): SaveProblems {
  const problems = noSaveProblems();
  if (!isApiError(error)) {
    problems.banner = {
      title: 'Could not save the prompt',
      detail: error instanceof Error ? error.message : undefined,
      items: [],
    };
    return problems;
  }
  if (error.code === 'name_taken') {
    problems.meta.name = error.detail ?? 'Another prompt already has this name';
    return problems;
  }
  const unmatched: FieldError[] = [];
  for (const fieldError of error.fieldErrors) {
    const [head = '', index, field] = fieldError.path.split('.');
    const variableKey = head === 'variables' && index !== undefined ? variableKeys[Number(index)] : undefined;
    if ((META_FIELDS as readonly string[]).includes(head)) {
      problems.meta[head as keyof PromptMetaDraft] ??= fieldError.message;
    } else if (variableKey !== undefined) {
      const target = VARIABLE_FIELDS[field ?? 'name'] ?? 'name';
      problems.variables[variableKey] = { ...problems.variables[variableKey], [target]: fieldError.message };
    } else if (head === 'config' && (index === 'provider' || index === 'model' || index === 'temperature')) {
      problems.config[index] = fieldError.message;
    } else if (head === 'commitMessage') {
      problems.commitMessage = fieldError.message;
    } else {
      unmatched.push(fieldError);
    }
  }
  if (unmatched.length > 0 || error.fieldErrors.length === 0) {
    problems.banner = { title: error.title, detail: error.detail, items: unmatched, requestId: error.requestId };
  }
  return problems;
}
