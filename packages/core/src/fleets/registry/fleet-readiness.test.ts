import type { FleetMemberRole } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { fleetReadinessIssues } from './fleet-readiness.js';

const members = (...roles: FleetMemberRole[]) => roles.map((role) => ({ role }));

describe('fleetReadinessIssues', () => {
  it('asks nothing of the strategies that need no particular member', () => {
    for (const strategy of [
      { type: 'round_robin', weighted: true },
      { type: 'least_loaded' },
      { type: 'skill_match' },
      { type: 'cost_aware', escalateOnFailure: true },
      { type: 'broadcast', combine: 'majority' },
      { type: 'broadcast', combine: 'first_success' },
    ] as const) {
      expect(fleetReadinessIssues(strategy, [])).toEqual([]);
    }
  });

  it('needs exactly one manager for the manager strategy', () => {
    const manager = { type: 'manager' } as const;
    expect(fleetReadinessIssues(manager, members('worker'))).toEqual([
      expect.objectContaining({ path: 'members', code: 'manager_required', message: expect.stringContaining('has 0') }),
    ]);
    expect(fleetReadinessIssues(manager, members('manager', 'worker'))).toEqual([]);
    expect(fleetReadinessIssues(manager, members('manager', 'manager'))).toEqual([
      expect.objectContaining({ code: 'manager_required', message: expect.stringContaining('has 2') }),
    ]);
  });

  it('needs an aggregator for a broadcast combined by one', () => {
    const broadcast = { type: 'broadcast', combine: 'aggregator' } as const;
    expect(fleetReadinessIssues(broadcast, members('worker', 'manager'))).toEqual([
      expect.objectContaining({ code: 'aggregator_required' }),
    ]);
    expect(fleetReadinessIssues(broadcast, members('worker', 'aggregator'))).toEqual([]);
    expect(fleetReadinessIssues(broadcast, members('aggregator', 'aggregator'))).toEqual([]);
  });
});
