import type { FieldError, FleetMemberRole, FleetStrategy } from '@agent-fleet/contracts';

/**
 * What a fleet's strategy needs of its members before the fleet may take work: the `manager` strategy
 * exactly one `manager` (who chooses), a broadcast combined by `aggregator` at least one `aggregator`
 * (who merges). Empty when the members suffice. A paused fleet takes no work, so it may lack them.
 */
export function fleetReadinessIssues(strategy: FleetStrategy, members: readonly { role: FleetMemberRole }[]): FieldError[] {
  const count = (role: FleetMemberRole) => members.filter((member) => member.role === role).length;
  if (strategy.type === 'manager' && count('manager') !== 1) {
    return [
      {
        path: 'members',
        code: 'manager_required',
        message: `The manager strategy needs exactly one member with role "manager"; the fleet has ${count('manager')}`,
      },
    ];
  }
  if (strategy.type === 'broadcast' && strategy.combine === 'aggregator' && count('aggregator') === 0) {
    return [
      {
        path: 'members',
        code: 'aggregator_required',
        message: 'A broadcast combined by "aggregator" needs a member with role "aggregator"; the fleet has none',
      },
    ];
  }
  return [];
}
