import type { FieldError } from '@agent-fleet/contracts';
import { isApiError } from '../../../lib/api-error';
import { placeFieldErrors } from '../../../lib/form-errors';
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
  // Each path becomes the key of the place it is shown: `meta.name`, `variables.<row>.defaultValue`, `config.model` …
  const { byField, unmatched } = placeFieldErrors(error.fieldErrors, (path) => {
    const [head = '', index, field] = path.split('.');
    const variableKey = head === 'variables' && index !== undefined ? variableKeys[Number(index)] : undefined;
    if ((META_FIELDS as readonly string[]).includes(head)) return `meta.${head}`;
    if (variableKey !== undefined) return `variables.${variableKey}.${VARIABLE_FIELDS[field ?? 'name'] ?? 'name'}`;
    if (head === 'config' && (index === 'provider' || index === 'model' || index === 'temperature')) return `config.${index}`;
    if (head === 'commitMessage') return head;
    return undefined;
  });
  for (const [place, message = ''] of Object.entries(byField)) {
    const [area = '', key = '', field = ''] = place.split('.');
    if (area === 'meta') problems.meta[key as keyof PromptMetaDraft] = message;
    else if (area === 'variables') problems.variables[key] = { ...problems.variables[key], [field]: message };
    else if (area === 'config') problems.config[key as ConfigField] = message;
    else problems.commitMessage = message;
  }
  if (unmatched.length > 0 || error.fieldErrors.length === 0) {
    problems.banner = { title: error.title, detail: error.detail, items: unmatched, requestId: error.requestId };
  }
  return problems;
}
