import type { AgentFormValues } from './agent-form-values';

/** Error paths (dotted, as the API reports them) that have a place in the form. */
const STATIC_PATHS = [
  'name',
  'description',
  'role',
  'skills',
  'kind',
  'remote',
  'remote.cardUrl',
  'remote.credential',
  'remote.credential.headerName',
  'remote.credential.secret',
  'model',
  'model.provider',
  'model.model',
  'model.temperature',
  'model.maxTokens',
  'model.topP',
  'model.fallbacks',
  'systemPrompt',
  'systemPrompt.text',
  'systemPrompt.ref',
  'tools',
  'limits.maxIterations',
  'limits.maxCostPerTaskUsd',
  'metadata',
] as const;

/** Every path with a field in the form, including one pair per fallback row. */
export function knownPaths(fallbackCount: number): Set<string> {
  const paths = new Set<string>(STATIC_PATHS);
  for (let index = 0; index < fallbackCount; index++) {
    paths.add(`model.fallbacks.${index}.provider`);
    paths.add(`model.fallbacks.${index}.model`);
  }
  return paths;
}

/** The element id of the control for an error path: `model.temperature` → `agent-model-temperature`. */
export const fieldId = (path: string): string => `agent-${path.replaceAll('.', '-')}`;

/** The error path each form value feeds; editing a value clears errors at or under its path. */
export const VALUE_PATHS: Record<keyof AgentFormValues, string> = {
  name: 'name',
  description: 'description',
  role: 'role',
  skills: 'skills',
  kind: 'kind',
  cardUrl: 'remote.cardUrl',
  credentialType: 'remote.credential',
  credentialHeader: 'remote.credential.headerName',
  credentialSecret: 'remote.credential.secret',
  credentialStored: 'remote.credential.secret',
  provider: 'model.provider',
  model: 'model.model',
  temperature: 'model.temperature',
  maxTokens: 'model.maxTokens',
  topP: 'model.topP',
  fallbacks: 'model.fallbacks',
  promptType: 'systemPrompt',
  promptText: 'systemPrompt.text',
  promptRef: 'systemPrompt.ref',
  tools: 'tools',
  maxIterations: 'limits.maxIterations',
  maxCostPerTaskUsd: 'limits.maxCostPerTaskUsd',
  metadata: 'metadata',
};

/** The datalist of suggested providers, shared by the primary and fallback provider inputs. */
export const PROVIDER_LIST_ID = 'agent-provider-suggestions';
