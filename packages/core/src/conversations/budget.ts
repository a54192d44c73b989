import type { Agent } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';

/** What a task has spent, shared by the agents it asks, checked against each one's cap before every call. */
export class Budget {
  spentUsd = 0;
  constructor(readonly limits: { agent: string; maxUsd: number }[] = []) {}

  with(agent: Agent): Budget {
    const cap = agent.limits.maxCostPerTaskUsd;
    const child = new Budget(cap === null ? this.limits : [...this.limits, { agent: agent.name, maxUsd: cap }]);
    child.spentUsd = this.spentUsd;
    return child;
  }

  /** Throws `budget_exceeded` once spending reached a cap: so a task overshoots by at most one call. */
  assertRoom(): void {
    const hit = this.limits.find((limit) => this.spentUsd >= limit.maxUsd);
    if (hit) {
      throw new AppError(
        'budget_exceeded',
        402,
        `Stopped: this task spent $${this.spentUsd.toFixed(6)}, reaching ${hit.agent}'s limit of $${hit.maxUsd} per task`,
      );
    }
  }
}
