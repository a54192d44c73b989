import type { Fleet, FleetDetail, FleetMember, Page } from '@agent-fleet/contracts';

export const FLEET_ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99';

/** A fleet as the list returns it; override what a test cares about. */
export function makeFleet(overrides: Partial<Fleet> = {}): Fleet {
  return {
    id: FLEET_ID,
    name: 'Support tier 1',
    description: 'First answers to every ticket.',
    strategy: { type: 'least_loaded' },
    adminState: 'active',
    maxConcurrency: 10,
    queueLimit: 1000,
    limits: { maxDelegationDepth: 3, maxHopsPerRootTask: 20, budgetUsdPerRootTask: null, taskTimeout: '10m' },
    memberCount: 0,
    version: 4,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-12T15:30:00.000Z',
    ...overrides,
  };
}

export function makeMember(overrides: Partial<FleetMember> = {}): FleetMember {
  return {
    fleetId: FLEET_ID,
    agentId: '0b7e3f5c-6f2a-4c1e-9a57-2f1d4c8b9e01',
    agentName: 'Support triage',
    role: 'worker',
    weight: 1,
    maxConcurrent: 1,
    skills: [],
    allowedDelegates: [],
    adminState: 'active',
    observedState: 'idle',
    inFlight: 0,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    ...overrides,
  };
}

/** A fleet with its members, as GET /fleets/:id returns it. */
export function makeFleetDetail(overrides: Partial<Fleet> = {}, members: FleetMember[] = []): FleetDetail {
  return { ...makeFleet({ memberCount: members.length, ...overrides }), members };
}

export const fleetPage = (items: Fleet[], nextCursor: string | null = null): Page<Fleet> => ({
  items,
  total: items.length,
  nextCursor,
});
