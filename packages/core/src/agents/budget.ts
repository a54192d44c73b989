import type { Agent } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import { Spending } from './spending.js';

/**
 * What a task and the agents it asks spend together, checked against each one's cap before every call.
 * The agents asked share the spending itself, not a copy, so what they spend counts at once for all.
 */
export class Budget {
  constructor(
    readonly spending: Spending = new Spending(),
    readonly limits: readonly { agent: string; maxUsd: number }[] = [],
  ) {}

  /** The same spending, also bounded by `agent`'s cap per task. */
  with(agent: Agent): Budget {
    const cap = agent.limits.maxCostPerTaskUsd;
    return cap === null ? this : new Budget(this.spending, [...this.limits, { agent: agent.name, maxUsd: cap }]);
  }

  /** Throws `budget_exceeded` once spending reached a cap: so a task overshoots by at most one call. */
  assertRoom(): void {
    const spent = this.spending.costUsd;
    const hit = this.limits.find((limit) => spent >= limit.maxUsd);
    if (hit) {
      throw new AppError(
        'budget_exceeded',
        `Stopped: this task spent $${spent.toFixed(6)}, reaching ${hit.agent}'s limit of $${hit.maxUsd} per task`,
      );
    }
  }
}
