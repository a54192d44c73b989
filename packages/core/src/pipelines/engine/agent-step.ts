import type { AgentRepository } from '../../agents/agent-repository.js';
import type { TaskRunner } from '../../agents/task-runner.js';
import { AppError } from '../../app-error.js';
import type { ActionResult, AgentTaskRequest } from './step-actions.js';
import { StepFailure } from './step-failure.js';

/** Task errors the retry policy can name; others fail the step at once. */
const RETRYABLE: Record<string, 'provider' | 'rate_limited' | 'timeout'> = {
  provider_error: 'provider',
  rate_limited: 'rate_limited',
};

/**
 * An `agent` step runs one task of the named agent through the agent runner, with its tools, limits
 * and budget. The task's ledger rows name the run and step; its spend is the step's.
 */
export function agentStepRunner(
  agents: Pick<AgentRepository, 'findByName'>,
  runner: Pick<TaskRunner, 'run'>,
): (request: AgentTaskRequest) => Promise<ActionResult> {
  return async (request) => {
    const agent = await agents.findByName(request.workspaceId, request.agentName);
    if (!agent) throw new StepFailure('unknown_reference', `Agent ${request.agentName} does not exist`, null);
    let result;
    try {
      result = await runner.run({
        workspaceId: request.workspaceId,
        agent,
        kind: 'pipeline_step',
        scope: { conversationId: null, runId: request.runId, stepId: request.stepKey },
        input: request.task,
        variables: request.variables,
        ...(request.jsonSchema ? { jsonSchema: request.jsonSchema } : {}),
        signal: request.signal,
      });
    } catch (error) {
      // The task could not start (agent unavailable, its prompt does not render): a setup problem.
      if (error instanceof AppError) throw new StepFailure(error.code, error.message, null);
      throw error;
    }
    if (result.error) {
      if (request.signal.aborted) throw request.signal.reason ?? result.error;
      throw new StepFailure(result.error.code, result.error.message, RETRYABLE[result.error.code] ?? null);
    }
    return { output: result.text, spend: result.spent };
  };
}
