import type { ModelService } from '../../llm/model-service.js';
import type { StrategyPriceCatalogue } from '../strategies/types.js';
import type { PlacementMember } from './fleet-task-repository.js';

/**
 * The `cost_aware` price list of a fleet's members: input and output USD per 1M tokens of each member's
 * model, from the workspace's catalogue (its overrides included). An unpriced model is left out, so the
 * strategy ranks it after every priced one.
 */
export async function memberPrices(
  models: Pick<ModelService, 'resolve'>,
  workspaceId: string,
  members: readonly PlacementMember[],
): Promise<StrategyPriceCatalogue> {
  const catalogue: Record<string, { input: number; output: number }> = {};
  const seen = new Set<string>();
  for (const member of members) {
    if (seen.has(member.model)) continue;
    seen.add(member.model);
    const { prices, unpriced } = await models.resolve(workspaceId, member.provider, member.modelId);
    if (!unpriced) catalogue[member.model] = { input: prices.input, output: prices.output };
  }
  return catalogue;
}
