import { ZERO_USAGE, type Agent, type FleetTask, type FleetTaskError } from '@agent-fleet/contracts';
import type { AgentRepository } from '../../agents/agent-repository.js';
import { fleetDelegationPolicy, RootTaskLimits, type RootTaskSpendLedger } from '../../agents/delegation-limits.js';
import type { SpendingTotals } from '../../agents/spending.js';
import type { TaskResult, TaskRunner, TaskScope } from '../../agents/task-runner.js';
import { AppError } from '../../app-error.js';
import { addUsage, roundUsd } from '../../llm/pricing.js';
import type { Repositories } from '../../unit-of-work.js';
import { firstSuccess, majority, type BroadcastAnswer } from '../strategies/broadcast.js';
import type { PlacedTask } from './placement.js';

export interface ExecutionDependencies {
  /**
   * The ledger summed per root task: a fleet task's budget counts every model call of every attempt. Its
   * agent tasks, delegated ones included, record the fleet task as their root (the task tree reads them so).
   */
  rootSpend: RootTaskSpendLedger;
  /** Reads a `manager` fleet's manager (`agentManagerChooser`); an attempt's members come with its placement. */
  agents: Pick<AgentRepository, 'findById'>;
  runner: Pick<TaskRunner, 'run'>;
}

/**
 * Records how a one-member attempt ended in the transaction that ends its agent task, so both commit
 * together: answers the ended fleet task, or null when that end is not to be recorded there (the attempt
 * was stopped, or goes back to the queue) and the caller records what happens after.
 */
export type EndInCommit = (result: AttemptResult, repositories: Repositories) => Promise<FleetTask | null>;

/** One member's part in an attempt. */
interface MemberAnswer extends BroadcastAnswer {
  taskId: string | null;
  error: FleetTaskError | null;
  spent: SpendingTotals;
  /** The agent could not start: it was deleted, or stopped taking work, after placement. */
  unavailable: boolean;
}

/** What one attempt produced, before the dispatcher decides how the task ends. */
export interface AttemptResult {
  output: string | null;
  error: FleetTaskError | null;
  agentTaskIds: string[];
  spent: SpendingTotals;
  /** No member could even start: the task goes back to the queue, where eligibility skips them. */
  unavailable: boolean;
  /** The single member whose answer failed (for `cost_aware` escalation), else null. */
  failedAgentId: string | null;
  /** The fleet task as `EndInCommit` ended it with the agent task; null when it did not. */
  ended: FleetTask | null;
}

const NOTHING: SpendingTotals = { usage: ZERO_USAGE, costUsd: 0, llmCalls: 0 };

const sum = (all: readonly SpendingTotals[]): SpendingTotals =>
  all.reduce(
    (total, spent) => ({
      usage: addUsage(total.usage, spent.usage),
      costUsd: roundUsd(total.costUsd + spent.costUsd),
      llmCalls: total.llmCalls + spent.llmCalls,
    }),
    NOTHING,
  );

/** What the agent is asked: the text as submitted, an object as indented JSON. */
export const taskText = (input: FleetTask['input']): string =>
  typeof input === 'string' ? input : JSON.stringify(input, null, 2);

/**
 * Runs one placed attempt through the agent task runner: on its one member, or, for a broadcast, on
 * every answerer at once, combined as the strategy says (`first_success`, `majority`, or the aggregator
 * merging the answers). Never throws for a member's failure: it is the attempt's error. The fleet, its
 * members and their agents are the placement's, so the attempt starts without reading them again. A
 * one-member attempt's end is offered to `endInCommit` inside its agent task's last transaction.
 */
export async function executeAttempt(
  deps: ExecutionDependencies,
  workspaceId: string,
  { task, fleet, members, agents }: Pick<PlacedTask, 'task' | 'fleet' | 'members' | 'agents'>,
  signal: AbortSignal,
  endInCommit?: EndInCommit,
): Promise<AttemptResult> {
  const limits = rootTaskLimits(deps, workspaceId, task, fleet, members);
  // A pipeline step's task: its agent tasks' ledger rows name the run and the step, like an agent step's.
  const scope = task.pipelineStep
    ? { conversationId: null, runId: task.pipelineStep.runId, stepId: task.pipelineStep.stepKey }
    : { conversationId: null };
  const ask = (agentId: string, input: string, commit?: AnswerCommit) =>
    askMember(
      deps,
      workspaceId,
      agents.find((agent) => agent.id === agentId) ?? null,
      agentId,
      input,
      signal,
      limits,
      scope,
      commit,
    );
  const input = taskText(task.input);
  const strategy = fleet.strategy;
  if (strategy.type !== 'broadcast') {
    const [agentId] = task.agentIds;
    if (agentId === undefined) throw new Error('A placed task has no member');
    let ended: FleetTask | null = null;
    const answer = await ask(
      agentId,
      input,
      endInCommit &&
        (async (member, repositories) => {
          ended = await endInCommit(single(member, null), repositories);
        }),
    );
    return single(answer, ended);
  }
  const answerers = task.agentIds.filter((agentId) => agentId !== task.aggregatorId || task.agentIds.length === 1);
  const answers = await Promise.all(answerers.map((agentId) => ask(agentId, input)));
  const agentTaskIds = answers.flatMap((answer) => (answer.taskId ? [answer.taskId] : []));
  const combined = await combine(strategy.combine, answers, task, input, ask);
  return {
    output: combined.output,
    error: combined.error,
    agentTaskIds: [...agentTaskIds, ...(combined.extra?.taskId ? [combined.extra.taskId] : [])],
    spent: sum([...answers.map((answer) => answer.spent), ...(combined.extra ? [combined.extra.spent] : [])]),
    unavailable: answers.every((answer) => answer.unavailable),
    failedAgentId: null,
    ended: null,
  };
}

/** A one-member attempt's result: its member's answer. */
const single = (answer: MemberAnswer, ended: FleetTask | null): AttemptResult => ({
  output: answer.ok ? answer.text : null,
  error: answer.error,
  agentTaskIds: answer.taskId ? [answer.taskId] : [],
  spent: answer.spent,
  unavailable: answer.unavailable,
  failedAgentId: answer.ok || answer.unavailable ? null : answer.agentId,
  ended,
});

/** What a member's answer commits with its agent task's end. */
type AnswerCommit = (answer: MemberAnswer, repositories: Repositories) => Promise<void>;

async function combine(
  how: 'first_success' | 'majority' | 'aggregator',
  answers: MemberAnswer[],
  task: FleetTask,
  input: string,
  ask: (agentId: string, input: string) => Promise<MemberAnswer>,
): Promise<{ output: string | null; error: FleetTaskError | null; extra?: MemberAnswer }> {
  const failure = (): FleetTaskError => ({
    code: 'broadcast_failed',
    message: `Every member failed: ${answers.map((answer) => `${answer.agentId}: ${answer.error?.message ?? 'no answer'}`).join('; ')}`,
  });
  if (how === 'majority') {
    const vote = majority(answers);
    return vote ? { output: vote.answer.text, error: null } : { output: null, error: failure() };
  }
  const first = firstSuccess(answers);
  if (!first) return { output: null, error: failure() };
  if (how === 'first_success' || task.aggregatorId === null || answers.length === 1) return { output: first.text, error: null };
  const merged = await ask(task.aggregatorId, aggregationPrompt(input, answers));
  return merged.ok ? { output: merged.text, error: null, extra: merged } : { output: null, error: merged.error, extra: merged };
}

/**
 * The fleet task is the root task of every agent task of the attempt (all of a broadcast's members and its
 * aggregator share one budget, hop count and deadline); what its earlier attempts spent counts too.
 */
function rootTaskLimits(
  deps: Pick<ExecutionDependencies, 'rootSpend'>,
  workspaceId: string,
  task: FleetTask,
  fleet: PlacedTask['fleet'],
  members: PlacedTask['members'],
): RootTaskLimits {
  // The deadline counts from the placement, as the dispatcher's own timeout does, so this one is never later.
  // The ledger holds the spend of earlier attempts (even one whose worker died before recording it on the task).
  return new RootTaskLimits(fleetDelegationPolicy(fleet, members), {
    root: { workspaceId, rootTaskId: task.id, ledger: deps.rootSpend },
    startedAt: task.startedAt ? Date.parse(task.startedAt) : undefined,
  });
}

/** What the aggregator is asked: the task and every successful answer, numbered. */
const aggregationPrompt = (input: string, answers: readonly MemberAnswer[]): string =>
  [
    'Several agents answered the task below. Merge their answers into one best answer.',
    `Task:\n${input}`,
    ...answers.filter((answer) => answer.ok).map((answer, index) => `Answer ${index + 1}:\n${answer.text}`),
  ].join('\n\n');

/** Runs `agent` (as placement read it; null: it was deleted) on `input`. */
async function askMember(
  deps: ExecutionDependencies,
  workspaceId: string,
  agent: Agent | null,
  agentId: string,
  input: string,
  signal: AbortSignal,
  limits: RootTaskLimits,
  scope: TaskScope,
  commit?: AnswerCommit,
): Promise<MemberAnswer> {
  const unavailable = (message: string): MemberAnswer => ({
    agentId,
    ok: false,
    text: '',
    finishedAt: performance.now(),
    taskId: null,
    error: { code: 'agent_unavailable', message },
    spent: NOTHING,
    unavailable: true,
  });
  if (!agent) return unavailable(`Agent ${agentId} was deleted`);
  try {
    const result = await deps.runner.run(
      { workspaceId, agent, kind: 'fleet_task', scope, input, signal, limits },
      commit ? { commit: (ended, repositories) => commit(answerOf(agentId, ended), repositories) } : {},
    );
    return answerOf(agentId, result);
  } catch (error) {
    // The task could not start: the agent stopped taking work after placement.
    if (error instanceof AppError && error.code === 'agent_unavailable') return unavailable(error.message);
    throw error;
  }
}

const answerOf = (agentId: string, result: TaskResult): MemberAnswer => ({
  agentId,
  ok: result.error === null,
  text: result.text,
  finishedAt: performance.now(),
  taskId: result.task.id,
  error: result.error ? { code: result.error.code, message: result.error.message } : null,
  spent: result.spent,
  unavailable: false,
});
