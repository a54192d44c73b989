import type { Agent } from '@agent-fleet/contracts';

/** A complete, valid agent as the API returns it; override what a test cares about. */
export function makeAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: '0b7e3f5c-6f2a-4c1e-9a57-2f1d4c8b9e01',
    workspaceId: '5d1c9a7e-3b2f-4e8d-a6c4-9f0e1b2d3c4a',
    name: 'Support triage',
    description: 'Sorts incoming tickets by urgency.',
    role: 'triager',
    skills: ['support', 'classification'],
    kind: 'model',
    model: { provider: 'mock', model: 'mock-1', fallbacks: [] },
    remote: null,
    systemPrompt: { type: 'inline', text: 'You triage support tickets.' },
    tools: [],
    limits: { maxIterations: 10, maxCostPerTaskUsd: null },
    metadata: {},
    adminState: 'active',
    observedState: 'idle',
    version: 3,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-12T15:30:00.000Z',
    ...overrides,
  };
}
