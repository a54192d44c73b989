import { ZERO_USAGE, type TokenUsage } from '@agent-fleet/contracts';
import { addUsage, roundUsd } from '../llm/pricing.js';

/** What some LLM calls used and cost, as stored on a task or a turn. */
export interface SpendingTotals {
  usage: TokenUsage;
  /** Rounded to the ledger's precision. */
  costUsd: number;
  llmCalls: number;
}

/**
 * Adds up the ledger rows of LLM calls: the one place usage and cost are summed. A task keeps one for its
 * own calls whose parent is the total of it and the tasks it asked, whose parent is its caller's total;
 * so a call is counted once and reaches every total above it.
 */
export class Spending {
  private usage: TokenUsage = ZERO_USAGE;
  private cost = 0;
  private calls = 0;

  constructor(private readonly parent?: Spending) {}

  add(call: { usage: TokenUsage; costUsd: number }): void {
    this.usage = addUsage(this.usage, call.usage);
    this.cost += call.costUsd;
    this.calls += 1;
    this.parent?.add(call);
  }

  /** Unrounded, for comparing against a limit. */
  get costUsd(): number {
    return this.cost;
  }

  totals(): SpendingTotals {
    return { usage: this.usage, costUsd: roundUsd(this.cost), llmCalls: this.calls };
  }
}
