import type { AgentCreate } from '@agent-fleet/contracts';

let sequence = 0;

/** A valid agent-creation body with a unique name; override any field. */
export function buildAgentInput(overrides: Partial<AgentCreate> = {}): AgentCreate {
  sequence += 1;
  return {
    name: `Agent ${sequence}`,
    description: 'Answers support questions',
    role: 'support',
    skills: ['triage'],
    model: { provider: 'mock', model: 'mock-1', temperature: 0.2, fallbacks: [] },
    systemPrompt: { type: 'inline', text: 'You are helpful.' },
    ...overrides,
  };
}
