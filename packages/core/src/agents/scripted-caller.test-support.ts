import { randomUUID } from 'node:crypto';
import { ZERO_USAGE, type LlmCall } from '@agent-fleet/contracts';
import type { ModelMessage } from 'ai';
import { LlmCallFailedError, type CallResult, type CallToolCall, type LlmCaller } from '../llm/llm-caller.js';
import type { PromptService } from '../prompts/prompt-service.js';
import type { DelegationTrip, DelegationTripRepository } from './delegation-trips.js';
import { TaskRunner } from './task-runner.js';
import { TEST_OWNER, taskRunnerWorld } from './task-runner.test-support.js';

/** What a scripted model sees of one call: which agent calls, its tools, what it was told so far. */
export interface ScriptedTurn {
  agentId: string;
  taskId: string;
  tools: string[];
  messages: ModelMessage[];
}

/** A scripted model's next move: ask tools, answer, or never answer (until the call is stopped). */
export type ScriptedMove = { toolCalls: { toolName: string; question: string }[] } | { text: string } | { hang: true };

/**
 * An in-memory model for the task runner: no HTTP, so a property test runs a thousand task trees in
 * seconds. Each call writes one ledger row of `costUsd` (as the real caller's `onLedger` does), then
 * answers as `script` says. A call stopped by its signal fails `aborted` (no row), as a cut stream does.
 */
export class ScriptedCaller {
  readonly ledger: LlmCall[] = [];

  constructor(
    private readonly script: (turn: ScriptedTurn) => ScriptedMove,
    private readonly costUsd: (turn: ScriptedTurn) => number = () => 0.001,
  ) {}

  call: LlmCaller['call'] = async (scope, request, listener = {}) => {
    const turn: ScriptedTurn = {
      agentId: scope.agentId ?? '',
      taskId: scope.taskId ?? '',
      tools: Object.keys(request.tools ?? {}),
      messages: request.messages,
    };
    const move = this.script(turn);
    if ('hang' in move) await new Promise((resolve) => request.signal?.addEventListener('abort', resolve, { once: true }));
    if (request.signal?.aborted) {
      throw new LlmCallFailedError({ errorClass: 'aborted', message: 'Stopped', retryable: false } as never);
    }
    const costUsd = this.costUsd(turn);
    const row = {
      id: randomUUID(),
      provider: 'scripted',
      model: 'scripted',
      mock: true,
      usage: ZERO_USAGE,
      costUsd,
      taskId: turn.taskId,
      agentId: turn.agentId,
    } as LlmCall;
    this.ledger.push(row);
    listener.onLedger?.(row);
    const toolCalls: CallToolCall[] =
      'toolCalls' in move
        ? move.toolCalls.map((call) => ({
            toolCallId: randomUUID(),
            toolName: call.toolName,
            input: { question: call.question },
          }))
        : [];
    const result: CallResult = {
      provider: 'scripted',
      model: 'scripted',
      mock: true,
      text: 'text' in move ? move.text : '',
      toolCalls,
      usage: ZERO_USAGE,
      costUsd,
    };
    return result;
  };

  /** The ledger's cost: what every task of the tree spent. */
  get spentUsd(): number {
    return this.ledger.reduce((sum, row) => sum + row.costUsd, 0);
  }
}

/** Trips as rows in memory. */
export class MemoryTrips implements DelegationTripRepository {
  readonly rows: DelegationTrip[] = [];
  async insert(_workspaceId: string, trip: DelegationTrip): Promise<void> {
    this.rows.push(trip);
  }
}

/** The task runner over in-memory rows, with a scripted model and trips recorded in memory. */
export function scriptedWorld(caller: ScriptedCaller) {
  const world = taskRunnerWorld();
  const trips = new MemoryTrips();
  const runner = new TaskRunner({
    agents: world.repositories.agents,
    tasks: world.repositories.tasks,
    prompts: {} as PromptService,
    caller: caller as unknown as LlmCaller,
    owner: TEST_OWNER,
    unitOfWork: world.unitOfWork,
    trips,
  });
  return { rows: world.rows, addAgent: world.addAgent, runner, trips };
}

/** The errors the tool results of a task's messages carried, as the model read them. */
export const toolErrors = (messages: readonly ModelMessage[]): string[] =>
  messages.flatMap((message) =>
    message.role === 'tool'
      ? message.content.flatMap((part) =>
          part.type === 'tool-result' && part.output.type === 'error-text' ? [part.output.value] : [],
        )
      : [],
  );
