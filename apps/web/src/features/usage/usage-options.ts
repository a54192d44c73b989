import type { ModelInfo, Provider, UsageRow } from '@agent-fleet/contracts';

/** One choice of a filter select. */
export interface FilterOption {
  value: string;
  label: string;
}

const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);

/**
 * Agent names by id: from the agent list, and from the usage grouped by agent, which also names agents
 * beyond the list's first page.
 */
export function agentNamesOf(agents: readonly { id: string; name: string }[], usage: readonly UsageRow[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of usage) if (row.key && row.label) names.set(row.key, row.label);
  for (const agent of agents) names.set(agent.id, agent.name);
  return names;
}

export const agentOptions = (names: ReadonlyMap<string, string>): FilterOption[] =>
  [...names].map(([value, label]) => ({ value, label })).sort(byLabel);

export const providerOptions = (providers: readonly Provider[]): FilterOption[] =>
  providers.map((provider) => ({ value: provider.id, label: provider.id }));

/** Model ids (what the calls filter matches), named with their provider while every provider is shown. */
export function modelOptions(models: readonly ModelInfo[], provider: string): FilterOption[] {
  const options = new Map<string, FilterOption>();
  for (const model of models) {
    if (options.has(model.model)) continue;
    options.set(model.model, { value: model.model, label: provider ? model.label : `${model.provider} · ${model.label}` });
  }
  return [...options.values()].sort(byLabel);
}
