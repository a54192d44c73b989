import type { FleetStrategyState, FleetStrategyType } from '@agent-fleet/contracts';

/** An agent's admin state, set by people: only `active` agents take new work. */
export type MemberAdminState = 'active' | 'paused' | 'draining' | 'disabled';
/** An agent's observed state, derived by the system: only `offline` keeps it from new work. */
export type MemberObservedState = 'idle' | 'busy' | 'error' | 'offline';

/** A fleet member as a strategy sees it: its membership, its skills, its current load and its model. */
export interface FleetCandidate {
  agentId: string;
  /** The agent's name, for reasons people read; the id is used without it. */
  name?: string;
  /** `manager | worker | reviewer | aggregator`. */
  role: string;
  /** Its share under weighted round robin; 0 or less never wins while others have a positive weight. */
  weight: number;
  /** How many tasks it may hold at once (≥ 1). */
  maxConcurrent: number;
  skills: readonly string[];
  /** Tasks it holds now. */
  inFlight: number;
  /** Its agent's model, as the key of the price catalogue (`provider/model`), for `cost_aware`. */
  model: string;
}

/** A member with its agent's two states: what eligibility filters. */
export interface RoutableMember extends FleetCandidate {
  adminState: MemberAdminState;
  observedState: MemberObservedState;
}

/** What a strategy knows of the task being placed. */
export interface RoutingTask {
  /** A member must hold every one of these to be eligible (compared trimmed and case-insensitively). */
  requiredSkills: readonly string[];
  /** What `skill_match` ranks by: the more of these a member holds, the better. */
  requestedSkills: readonly string[];
  /** Members that already failed this task, oldest first: `cost_aware` escalates past them. */
  failedAgentIds: readonly string[];
  /** The task's input, shown to a manager that chooses (unused by the pure strategies). */
  input?: unknown;
}

/** USD per million tokens, as in the model catalogue (`packages/core/src/llm/catalogue.json`). */
export interface TokenPrices {
  input: number;
  output: number;
}

/** Prices by the candidates' `model` key. A model missing here is "unpriced" and ranks after every priced one. */
export type StrategyPriceCatalogue = Readonly<Record<string, TokenPrices>>;

/** The choice a manager's model made, by structured output. */
export interface ManagerChoice {
  agentId: string;
  reason: string;
}

/** What a strategy may need besides the candidates, the task and its own state. */
export interface StrategyContext {
  /** For `cost_aware`. Default: empty, so every member is unpriced. */
  prices?: StrategyPriceCatalogue;
  /** The token counts a `cost_aware` estimate prices. Default 1M input and 1M output tokens. */
  expectedTokens?: { input: number; output: number };
  /**
   * Every member of the fleet, eligible or not: `cost_aware` finds the model of a member that failed and
   * is no longer eligible here. Default: the candidates.
   */
  members?: readonly FleetCandidate[];
  /** For `manager`: what the manager chose, or why asking it failed (`askManager`). */
  managerChoice?: ManagerChoice | { error: string };
}

/** One eligible candidate as the strategy ranked it. */
export interface CandidateScore {
  agentId: string;
  /** The strategy's own measure (see `RoutingCandidateSchema.score`); null when it has none. */
  score: number | null;
  /** 1 = the strategy's first choice. */
  rank: number;
  note: string;
}

/** A strategy's answer: whom the task goes to, how every candidate scored, why, and the state to keep. */
export interface StrategyDecision {
  strategy: FleetStrategyType;
  /** Agent ids: one, every answerer for `broadcast`, none when no candidate could take the task. */
  chosen: string[];
  /** The member that merges a broadcast's answers (`combine: aggregator`), else null. */
  aggregator: string | null;
  /** One per candidate, in the candidates' order. */
  scores: CandidateScore[];
  reason: string;
  /** The strategy's state after this decision, for the caller to store and hand back next time. */
  state: FleetStrategyState;
}
