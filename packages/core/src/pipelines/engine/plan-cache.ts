import type { PipelineDefinition } from '@agent-fleet/contracts';
import type { RunStore } from './run-store.js';
import { planRun, type RunPlan } from './run-plan.js';

/** Plans by version id. Versions are immutable, so a plan never goes stale; the least recently used go first. */
export class PlanCache {
  private readonly plans = new Map<string, RunPlan>();

  constructor(private readonly capacity = 500) {}

  async get(store: RunStore, versionId: string): Promise<RunPlan> {
    const cached = this.plans.get(versionId);
    if (cached) {
      this.plans.delete(versionId);
      this.plans.set(versionId, cached);
      return cached;
    }
    const definition = await store.versionDefinition(versionId);
    if (!definition) throw new Error(`Pipeline version ${versionId} is gone`);
    return this.remember(versionId, definition);
  }

  remember(versionId: string, definition: PipelineDefinition): RunPlan {
    const plan = planRun(definition);
    if (this.plans.size >= this.capacity) this.plans.delete(this.plans.keys().next().value ?? '');
    this.plans.set(versionId, plan);
    return plan;
  }
}
