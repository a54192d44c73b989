import type { FleetAdminState, FleetMemberRole, FleetStrategy, FleetStrategyType } from '@agent-fleet/contracts';
import type { BadgeTone } from '../../components/ui/Badge';
import { isApiError } from '../../lib/api-error';

export const ADMIN_STATE_META: Record<FleetAdminState, { label: string; tone: BadgeTone; description: string }> = {
  active: { label: 'Active', tone: 'green', description: 'Takes new work.' },
  paused: { label: 'Paused', tone: 'slate', description: 'Takes no new work; work in progress finishes.' },
  draining: { label: 'Draining', tone: 'amber', description: 'Takes no new work and pauses once nothing is in flight.' },
};

export const STRATEGY_META: Record<FleetStrategyType, { label: string; description: string }> = {
  round_robin: { label: 'Round robin', description: 'Members take tasks in turn, or in proportion to their weight.' },
  least_loaded: { label: 'Least loaded', description: 'The member with the lowest load takes the task.' },
  skill_match: { label: 'Skill match', description: 'The member holding most of the requested skills takes it.' },
  cost_aware: { label: 'Cost aware', description: 'The member with the cheapest model takes it.' },
  manager: { label: 'Manager', description: 'The manager member’s model chooses who takes it. Needs one manager.' },
  broadcast: { label: 'Broadcast', description: 'Every eligible member answers; the answers are combined.' },
};

export const COMBINE_LABELS = {
  first_success: 'First success',
  majority: 'Majority vote',
  aggregator: 'Aggregator member',
} as const;

export const ROLE_LABELS: Record<FleetMemberRole, string> = {
  manager: 'Manager',
  worker: 'Worker',
  reviewer: 'Reviewer',
  aggregator: 'Aggregator',
};

/** The strategy in words, with its configuration: "Round robin (weighted)". */
export function describeStrategy(strategy: FleetStrategy): string {
  const label = STRATEGY_META[strategy.type].label;
  switch (strategy.type) {
    case 'round_robin':
      return strategy.weighted ? `${label} (weighted)` : label;
    case 'cost_aware':
      return strategy.escalateOnFailure ? `${label} (escalates on failure)` : label;
    case 'broadcast':
      return `${label} (${COMBINE_LABELS[strategy.combine].toLowerCase()})`;
    default:
      return label;
  }
}

const MISSING_ROLE: Record<string, string> = {
  manager_required:
    'The manager strategy needs exactly one member with the role Manager. Give one member that role, or pause the fleet first to rearrange it.',
  aggregator_required:
    'A broadcast combined by an aggregator needs a member with the role Aggregator. Give one member that role, or pause the fleet first to rearrange it.',
};

/**
 * The clear message for a 409 refusing a change that leaves the fleet without the member its strategy
 * needs (`manager_required`, `aggregator_required`); null for any other failure.
 */
export function missingRoleMessage(error: unknown): string | null {
  if (!isApiError(error) || error.status !== 409) return null;
  for (const fieldError of error.fieldErrors) {
    const message = MISSING_ROLE[fieldError.code];
    if (message) return message;
  }
  return null;
}
