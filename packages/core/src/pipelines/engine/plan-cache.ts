import type { PipelineDefinition } from '@agent-fleet/contracts';
import { LruMap } from '../../lru-map.js';
import type { RunStore } from './run-store.js';
import { planRun, type RunPlan } from './run-plan.js';

/** Plans by version id. Versions are immutable, so a plan never goes stale; the least recently used go first. */
export class PlanCache {
  private readonly plans: LruMap<string, RunPlan>;

  constructor(capacity = 500) {
    this.plans = new LruMap(capacity);
  }

  async get(store: RunStore, versionId: string): Promise<RunPlan> {
    const cached = this.plans.get(versionId);
    if (cached) return cached;
    const definition = await store.versionDefinition(versionId);
    if (!definition) throw new Error(`Pipeline version ${versionId} is gone`);
    return this.remember(versionId, definition);
  }

  /** The plan of a version whose definition the caller has: planned once, then taken from the cache. */
  remember(versionId: string, definition: PipelineDefinition): RunPlan {
    return this.plans.get(versionId) ?? this.plans.set(versionId, planRun(definition));
  }
}
