import type { FleetRoutingRecord, FleetTask, FleetTaskDetail, Page } from '@agent-fleet/contracts';
import { FLEET_ID, makeFleetDetail, makeMember } from './fleet-fixtures';

export const ADA = '00000000-0000-4000-8000-0000000000a1';
export const BOB = '00000000-0000-4000-8000-0000000000b2';
export const TASK_ID = '7d1c4b2a-3e5f-4a6b-8c9d-0e1f2a3b4c5d';

/** A fleet of two workers, Ada and Bob, as the tasks tests see it. */
export const twoMemberFleet = () =>
  makeFleetDetail({}, [
    makeMember({ agentId: ADA, agentName: 'Ada', maxConcurrent: 2 }),
    makeMember({ agentId: BOB, agentName: 'Bob', maxConcurrent: 2 }),
  ]);

/** A task Ada finished; override what a test cares about. */
export function makeFleetTask(overrides: Partial<FleetTask> = {}): FleetTask {
  return {
    id: TASK_ID,
    fleetId: FLEET_ID,
    status: 'succeeded',
    input: 'Summarise ticket 4521',
    skills: [],
    priority: 0,
    idempotencyKey: null,
    agentIds: [ADA],
    aggregatorId: null,
    agentTaskIds: ['5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'],
    attempt: 1,
    waitingReason: null,
    output: 'The customer was charged twice; refund issued.',
    error: null,
    usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    costUsd: 0.0042,
    llmCalls: 1,
    createdAt: '2026-01-12T15:30:00.000Z',
    startedAt: '2026-01-12T15:30:01.000Z',
    finishedAt: '2026-01-12T15:30:03.500Z',
    durationMs: 2500,
    ...overrides,
  };
}

/** Ada chosen as least loaded over Bob; Cal left out, paused. */
export function makeRoutingRecord(overrides: Partial<FleetRoutingRecord> = {}): FleetRoutingRecord {
  return {
    id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    fleetId: FLEET_ID,
    taskId: TASK_ID,
    attempt: 1,
    strategy: 'least_loaded',
    candidates: [
      { agentId: BOB, eligible: true, excluded: [], score: 0.5, rank: 2, note: 'in flight 1/2' },
      { agentId: ADA, eligible: true, excluded: [], score: 0, rank: 1, note: 'in flight 0/2' },
      {
        agentId: '00000000-0000-4000-8000-0000000000c3',
        eligible: false,
        excluded: ['not_active'],
        score: null,
        rank: null,
        note: 'paused',
      },
    ],
    chosen: [ADA],
    aggregator: null,
    reason: 'least loaded: Ada (in flight 0/2)',
    decisionMs: 0.4,
    createdAt: '2026-01-12T15:30:01.000Z',
    ...overrides,
  };
}

export const makeFleetTaskDetail = (task: Partial<FleetTask> = {}, routing = [makeRoutingRecord()]): FleetTaskDetail => ({
  ...makeFleetTask(task),
  routing,
});

export const page = <T>(items: T[], nextCursor: string | null = null): Page<T> => ({ items, total: items.length, nextCursor });
