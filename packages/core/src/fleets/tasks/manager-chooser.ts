import type { ManagerChooser } from '../strategies/manager.js';
import type { FleetCandidate, RoutingTask } from '../strategies/types.js';
import type { ExecutionDependencies } from './task-execution.js';

/** What the manager's model must answer (checked again by `ManagerChoiceSchema`). */
const CHOICE_JSON_SCHEMA = {
  type: 'object',
  properties: {
    agentId: { type: 'string', description: 'The id of the chosen candidate' },
    reason: { type: 'string', description: 'Why this candidate, in one sentence' },
  },
  required: ['agentId', 'reason'],
  additionalProperties: false,
};

const describe = (candidate: FleetCandidate): string =>
  [
    `- agentId: ${candidate.agentId}`,
    `  name: ${candidate.name ?? candidate.agentId}`,
    `  role: ${candidate.role}`,
    `  skills: ${candidate.skills.length > 0 ? candidate.skills.join(', ') : 'none'}`,
    `  tasks in flight: ${candidate.inFlight} of ${candidate.maxConcurrent}`,
    `  model: ${candidate.model}`,
  ].join('\n');

/** The question the manager is asked: the task, then every eligible candidate. */
export const managerPrompt = (candidates: readonly FleetCandidate[], task: RoutingTask): string =>
  [
    'You manage a fleet of agents. Choose the one candidate best suited to the task below.',
    'Answer with JSON: {"agentId": "<the id of one candidate>", "reason": "<why, in one sentence>"}.',
    `Task:\n${typeof task.input === 'string' ? task.input : JSON.stringify(task.input, null, 2)}`,
    ...(task.requestedSkills.length > 0 ? [`Requested skills: ${task.requestedSkills.join(', ')}`] : []),
    `Candidates:\n${candidates.map(describe).join('\n')}`,
  ].join('\n\n');

/**
 * The `manager` strategy's chooser: the fleet's manager member's own agent is asked, as a task of its own
 * through the task runner (its model, system prompt, budget; recorded in its task history and the ledger),
 * for structured output naming one candidate. It throws when the task fails; `askManager` turns that
 * into the documented fallback.
 */
export function agentManagerChooser(deps: ExecutionDependencies, workspaceId: string, managerAgentId: string): ManagerChooser {
  return {
    async choose(candidates, task, signal) {
      const agent = await deps.agents.findById(workspaceId, managerAgentId);
      if (!agent) throw new Error('the manager agent no longer exists');
      const result = await deps.runner.run({
        workspaceId,
        agent,
        kind: 'fleet_task',
        scope: { conversationId: null },
        input: managerPrompt(candidates, task),
        jsonSchema: CHOICE_JSON_SCHEMA,
        signal: signal ?? new AbortController().signal,
      });
      if (result.error) throw result.error;
      return JSON.parse(result.text) as { agentId: string; reason: string };
    },
  };
}
