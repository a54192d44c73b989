import type { Agent, AgentUpdate } from '@agent-fleet/contracts';
import { stableStringify } from '../../../lib/json';
import type { AgentFormData } from './validate-agent-form';

/**
 * The top-level fields of `data` that differ from `agent`. A PATCH replaces each field it names
 * whole, so sending only what changed keeps an edit from overwriting fields it never touched.
 */
export function changedFields(agent: Agent, data: AgentFormData): AgentUpdate {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (stableStringify(value) !== stableStringify(agent[key as keyof Agent])) patch[key] = value;
  }
  return patch as AgentUpdate;
}
