import type { Agent, AgentTask, TaskKind, ToolCallRecord } from '@agent-fleet/contracts';
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import type { LiveEvents } from '../live-events.js';
import { resolveSystemPrompt, type ResolvedSystemPrompt } from '../conversations/system-prompt.js';
import { loadTaskSystemPrompt, storeTaskSystemPrompt } from '../conversations/task-system-prompt.js';
import { LlmCallFailedError, type CallToolCall, type LlmCaller } from '../llm/llm-caller.js';
import type { AgentTaskRecord, AgentTaskRepository } from '../llm/llm-ports.js';
import type { PromptService } from '../prompts/prompt-service.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { OperationalMetrics } from '../ports/operational-metrics.js';
import { NO_TRACING, type Tracing } from '../ports/tracing.js';
import { agentSpan, toolSpan } from '../llm/gen-ai-attributes.js';
import type { AgentRepository } from './agent-repository.js';
import { agentToolset } from './agent-tools.js';
import { Budget } from './budget.js';
import { endsRootTask, PLAIN_DELEGATION_POLICY, RootTaskLimits } from './delegation-limits.js';
import type { DelegationTrip, DelegationTripRepository } from './delegation-trips.js';
import type { RemoteAgentService } from './remote-agents.js';
import { Spending, type SpendingTotals } from './spending.js';
import { checkJson } from './structured-output.js';
import { endStatus, type TaskEvent } from './task-events.js';

/** Put between the texts of successive model calls of one task, so they do not run together. */
export const CALL_TEXT_SEPARATOR = '\n\n';

/**
 * What a task belongs to: its row and its ledger rows name it. A chat turn's tasks name the conversation;
 * pipeline steps will name their run and step here (the ledger has the columns already).
 */
export interface TaskScope {
  conversationId: string | null;
  /** The pipeline run and step key a task serves; its ledger rows name them. */
  runId?: string | null;
  stepId?: string | null;
}

/** One task for one agent: what it is asked, with what context, until when. */
export interface TaskRequest {
  workspaceId: string;
  agent: Agent;
  kind: TaskKind;
  scope: TaskScope;
  /** What the agent is asked. */
  input: string;
  /** Earlier messages, as the model saw them. Default: none. */
  history?: ModelMessage[];
  /** The variables of the agent's system prompt. Default: none. */
  variables?: Record<string, unknown>;
  /** The system prompt `prepare` rendered (having checked the agent is available); rendered here when absent. */
  systemPrompt?: ResolvedSystemPrompt;
  /** Ask for the final reply as JSON matching this schema (one repair try). */
  jsonSchema?: Record<string, unknown>;
  /** Stops the task (and the tasks it asked): it ends `cancelled`. */
  signal: AbortSignal;
  /**
   * The delegation limits of the root task this one starts (shared by every task under it). Default: a
   * fresh root under `PLAIN_DELEGATION_POLICY`.
   */
  limits?: RootTaskLimits;
}

/** How a task ended, with what it produced, even when it failed or was stopped. */
export interface TaskResult {
  /** The task row as finished: `succeeded`, `failed` or `cancelled`. */
  task: AgentTask;
  /** Why it did not succeed; null when it did. */
  error: AppError | null;
  text: string;
  toolCalls: ToolCallRecord[];
  provider: string | null;
  model: string | null;
  mock: boolean;
  /** The messages the task added to the transcript (assistant and tool messages). */
  transcript: ModelMessage[];
  /** What this task and the tasks it asked spent. */
  spent: SpendingTotals;
}

export interface TaskRunOptions {
  /** Receives the task's events, and those of the tasks it asks, as they happen. */
  emit?: (event: TaskEvent) => void;
  /**
   * Runs in the transaction that records the task's end, so what the caller stores of the result (a
   * chat reply, a step's output) commits with it, or neither does.
   */
  commit?: (result: TaskResult, repositories: Repositories) => Promise<void>;
}

export interface TaskRunnerOptions {
  agents: AgentRepository;
  tasks: AgentTaskRepository;
  prompts: PromptService;
  caller: LlmCaller;
  unitOfWork: UnitOfWork;
  /** This process's instance id (`ServerInstance.id`): task rows name it as their owner. */
  owner: string;
  /**
   * Called after each task's end is stored, e.g. to pause a draining agent whose last task (on any
   * server) this was. Its failure never fails the task: the drain sweep catches up. Default: nothing.
   */
  onTaskEnded?: (workspaceId: string, agentId: string) => Promise<unknown>;
  /** Where a task's rendered system prompt goes when it is large. Without it, it stays in the row. */
  blobs?: BlobStore;
  /** Where tripped delegation limits are recorded. Its failure never fails the task. Default: not recorded. */
  trips?: DelegationTripRepository;
  /** Told of the agent's observed state (`agent.observed`) after each task starts and ends. Default: nobody. */
  live?: LiveEvents;
  /** Counts each task's end for operators. Default: nothing counted. */
  metrics?: OperationalMetrics;
  /** Puts each task in an `invoke_agent` span and each tool call in an `execute_tool` one. Default: no tracing. */
  tracing?: Tracing;
  /** Runs the tasks of a2a agents on their remote. Without it, such a task fails `provider_not_configured`. */
  remoteAgents?: Pick<RemoteAgentService, 'run'>;
}

/** A task while it runs: where it sits in the tree of tasks, what it spent, what it wrote so far. */
interface RunningTask {
  task: AgentTask;
  depth: number;
  /** This task's own calls; their parent is `total`. */
  own: Spending;
  /** This task's calls and those of the tasks it asked; their parent is the caller's total. */
  total: Spending;
  budget: Budget;
  /** The limits of the root task above it (its own, for the root), shared down the chain. */
  root: RootTaskLimits;
  /** The root task's id, which trip records name. */
  rootTaskId: string;
  reply: Omit<TaskResult, 'task' | 'error' | 'spent'>;
}

type Parent = Pick<RunningTask, 'task' | 'depth' | 'total' | 'budget' | 'root' | 'rootTaskId'>;

/**
 * Runs one task of an agent: resolves its system prompt, then calls the model in a loop bounded by the
 * agent's max iterations, running the tools (other agents) it asks for, checking the budget before every
 * call, and validating structured output (with one repair try). It returns how the task ended (it throws
 * only when the task could not start, or its end could not be stored); the task row records the outcome.
 */
export class TaskRunner {
  constructor(private readonly options: TaskRunnerOptions) {}

  /**
   * Checks, before anything is stored, that a task can start: the agent is available and its system
   * prompt renders with these variables. Throws the 4xx the caller should answer; returns the rendered
   * prompt for `run` (as `systemPrompt`), so it is neither rendered nor checked twice.
   */
  async prepare(workspaceId: string, agent: Agent, variables: Record<string, unknown>): Promise<ResolvedSystemPrompt> {
    assertAvailable(agent);
    // A client's turn: a full template pool refuses it (503, Retry-After), and the client tries again.
    return resolveSystemPrompt(this.options.prompts, workspaceId, agent, variables, { wait: false });
  }

  /**
   * Runs a root task. Its deadline (when its limits have one) aborts it and every task under it, which
   * then end `task_timeout`; the tasks it asks share its signal, so they get only the time left.
   */
  async run(request: TaskRequest, options: TaskRunOptions = {}): Promise<TaskResult> {
    const limits = request.limits ?? new RootTaskLimits(PLAIN_DELEGATION_POLICY);
    const remaining = limits.remainingMs();
    if (remaining === null) return this.execute({ ...request, limits }, options, null);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(TIMED_OUT), remaining);
    try {
      return await this.execute(
        { ...request, limits, signal: AbortSignal.any([request.signal, deadline.signal]) },
        options,
        null,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private execute(request: TaskRequest, options: TaskRunOptions, parent: Parent | null): Promise<TaskResult> {
    const span = agentSpan(request.agent, request.kind, request.scope);
    return (this.options.tracing ?? NO_TRACING).span(
      span.name,
      span.attributes,
      () => this.executeTask(request, options, parent),
      (result) => ({ 'agentfleet.task.status': result.task.status, 'error.type': result.error?.code }),
    );
  }

  private async executeTask(request: TaskRequest, options: TaskRunOptions, parent: Parent | null): Promise<TaskResult> {
    const { agent, workspaceId } = request;
    const emit = options.emit ?? (() => undefined);
    // Rendered before the task row exists so the row records it; a failure still gets its (failed) task.
    let prompt = request.systemPrompt;
    let promptError: unknown;
    if (!prompt) {
      assertAvailable(agent);
      try {
        // A task the server runs (a fleet's, a pipeline step's, a delegated one): it waits for a template worker.
        prompt = await resolveSystemPrompt(this.options.prompts, workspaceId, agent, request.variables ?? {}, { wait: true });
      } catch (error) {
        promptError = error;
      }
    }
    const taskId = crypto.randomUUID();
    const record = await this.options.tasks.insert(workspaceId, {
      id: taskId,
      agentId: agent.id,
      kind: request.kind,
      conversationId: request.scope.conversationId,
      parentTaskId: parent?.task.id ?? null,
      rootTaskId: (parent?.root ?? request.limits)?.rootTaskId ?? null,
      summary: request.input.slice(0, 200),
      owner: this.options.owner,
      systemPrompt: prompt
        ? await storeTaskSystemPrompt(
            this.options.blobs,
            workspaceId,
            { agentId: agent.id, taskId },
            prompt,
            request.variables ?? {},
          )
        : null,
    });
    const task = { ...record, systemPrompt: await loadTaskSystemPrompt(this.options.blobs, workspaceId, record) };
    emit({ type: 'task.started', task });
    await this.announceObserved(workspaceId, agent.id);
    const root = parent?.root ?? request.limits ?? new RootTaskLimits(PLAIN_DELEGATION_POLICY);
    const total = new Spending(parent?.total ?? root.spending);
    const running: RunningTask = {
      task,
      depth: parent ? parent.depth + 1 : 0,
      own: new Spending(total),
      total,
      budget: (parent?.budget ?? new Budget(total)).with(agent),
      root,
      rootTaskId: parent?.rootTaskId ?? task.id,
      reply: { text: '', toolCalls: [], provider: null, model: null, mock: false, transcript: [] },
    };
    let failure: AppError | null = null;
    try {
      if (!prompt) throw promptError;
      if (agent.kind === 'a2a') await this.runRemote(request, emit, running);
      else await this.loop(request, emit, running, prompt);
    } catch (error) {
      failure = asAppError(error);
      // The deadline aborted the call in flight: the task ends for its time limit, not as stopped.
      // (Its own timer, or the fleet dispatcher's, which counts from the same placement.)
      if (failure.code === 'aborted' && (request.signal.reason === TIMED_OUT || root.remainingMs() === 0)) {
        failure = timedOut(root);
      }
      if (!parent && endsRootTask(failure.code)) await this.recordTrip(workspaceId, running, failure, null);
    }
    try {
      const result = await this.finish(workspaceId, running, failure, options.commit);
      this.options.metrics?.taskEnded({ agent: agent.name, fleet: root.policy.fleetName }, result.task);
      return result;
    } finally {
      await this.options.onTaskEnded?.(workspaceId, agent.id).catch(() => undefined);
      await this.announceObserved(workspaceId, agent.id);
    }
  }

  /**
   * Publishes the agent's observed state as derived now from the committed task rows (so `busy` while any
   * of its tasks runs, on any server). A failed read only costs live views this notice.
   */
  private async announceObserved(workspaceId: string, agentId: string): Promise<void> {
    const { live, agents } = this.options;
    if (!live) return;
    const agent = await agents.findById(workspaceId, agentId).catch(() => null);
    if (agent) await live.announce(workspaceId, 'agent.observed', { agentId, observedState: agent.observedState });
  }

  /**
   * An a2a agent's task: the input goes to the remote as one message and its answer is the reply; no
   * model is called here, so nothing is metered (the remote meters its own).
   */
  private async runRemote(request: TaskRequest, emit: (event: TaskEvent) => void, running: RunningTask): Promise<void> {
    const remote = this.options.remoteAgents;
    if (!remote) throw new AppError('provider_not_configured', 'This server does not run remote A2A agents');
    const text = await remote.run(request.workspaceId, request.agent, request.input, request.signal);
    running.reply.text = text;
    running.reply.provider = 'a2a';
    running.reply.model = request.agent.model.model;
    running.reply.transcript.push({ role: 'assistant', content: [{ type: 'text', text }] });
    if (running.depth === 0 && text) emit({ type: 'text.delta', delta: text });
  }

  private async loop(
    request: TaskRequest,
    emit: (event: TaskEvent) => void,
    running: RunningTask,
    prompt: ResolvedSystemPrompt,
  ): Promise<void> {
    const { agent, workspaceId } = request;
    const { reply } = running;
    const { root } = running;
    // Every agent it names is resolved, so a call to one it may not ask is refused for the limit it breaks.
    const toolset = await agentToolset(this.options.agents, workspaceId, agent, {
      extraTargetIds: root.policy.allowedDelegates?.get(agent.id) ?? [],
      offers: (target) => root.mayDelegateFrom(running.depth) && root.permits(agent.id, target.id),
    });
    const messages: ModelMessage[] = [...prompt.preamble, ...(request.history ?? []), { role: 'user', content: request.input }];
    const validator = request.jsonSchema ? z.fromJSONSchema(request.jsonSchema) : null;
    let repaired = false;

    for (let iteration = 1; iteration <= agent.limits.maxIterations; iteration += 1) {
      running.budget.assertRoom();
      await root.refresh();
      const trip = root.rootTrip();
      if (trip) throw trip;
      // What reached the listener already, kept in the reply if the call then fails or is stopped.
      let streamed = '';
      // A later call's text starts a new paragraph rather than running on from the last one.
      const separator = reply.text === '' ? '' : CALL_TEXT_SEPARATOR;
      const result = await this.options.caller
        .call(
          {
            workspaceId,
            agentId: agent.id,
            conversationId: request.scope.conversationId,
            runId: request.scope.runId ?? null,
            stepId: request.scope.stepId ?? null,
            taskId: running.task.id,
            promptRef: prompt.promptRef,
          },
          {
            models: [agent.model, ...agent.model.fallbacks],
            system: prompt.system,
            messages,
            tools: toolset.tools,
            temperature: agent.model.temperature,
            maxTokens: agent.model.maxTokens,
            topP: agent.model.topP,
            jsonSchema: request.jsonSchema,
            signal: request.signal,
          },
          {
            onDelta: (text) => {
              const delta = streamed === '' ? separator + text : text;
              streamed += delta;
              if (running.depth === 0) emit({ type: 'text.delta', delta });
            },
            onLedger: (call) => {
              reply.provider = call.provider;
              reply.model = call.model;
              reply.mock = call.mock;
              running.own.add(call);
              emit({ type: 'llm.call', call });
            },
          },
        )
        .catch((error: unknown) => {
          reply.text += streamed;
          throw error;
        });
      reply.provider = result.provider;
      reply.model = result.model;
      reply.mock = result.mock;
      if (result.text) reply.text += (reply.text === '' ? '' : CALL_TEXT_SEPARATOR) + result.text;
      const assistant: ModelMessage = {
        role: 'assistant',
        content: [
          ...(result.text ? [{ type: 'text' as const, text: result.text }] : []),
          ...result.toolCalls.map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            input: call.input,
          })),
        ],
      };
      messages.push(assistant);
      reply.transcript.push(assistant);

      if (result.toolCalls.length === 0) {
        if (!validator) return;
        const problem = checkJson(result.text, validator);
        if (problem === null) return;
        if (repaired) throw new AppError('schema_mismatch', `The reply does not match the requested schema: ${problem}`);
        repaired = true;
        const repair: ModelMessage = {
          role: 'user',
          content: `Your reply is not valid JSON for the requested schema (${problem}). Reply again with only the corrected JSON, matching this JSON Schema: ${JSON.stringify(request.jsonSchema)}`,
        };
        messages.push(repair);
        reply.transcript.push(repair);
        reply.text = '';
        continue;
      }

      const results = [];
      for (const call of result.toolCalls) {
        const tool = toolSpan(call);
        const record = await (this.options.tracing ?? NO_TRACING).span(
          tool.name,
          tool.attributes,
          () => this.runTool(request, emit, running, toolset.targets, call),
          (done) => ({ 'error.type': done.isError ? 'tool_error' : undefined }),
        );
        reply.toolCalls.push(record);
        results.push({
          type: 'tool-result' as const,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: record.isError
            ? { type: 'error-text' as const, value: record.output ?? '' }
            : { type: 'text' as const, value: record.output ?? '' },
        });
      }
      const toolMessage: ModelMessage = { role: 'tool', content: results };
      messages.push(toolMessage);
      reply.transcript.push(toolMessage);
    }
    throw new AppError(
      'max_iterations',
      `Stopped after ${agent.limits.maxIterations} model calls without a final answer (the agent's max iterations)`,
    );
  }

  /**
   * Asks another agent: a nested task of its own, sharing this task's budget, root limits, stop signal and
   * listener. The root task's limits are checked first: a refused delegation creates no task; the asking
   * model gets the refusal as a typed error (`{"error":{"code","message"}}`), or, for the root budget or
   * deadline, the whole root task ends with it.
   */
  private async runTool(
    request: TaskRequest,
    emit: (event: TaskEvent) => void,
    running: RunningTask,
    targets: Map<string, Agent>,
    call: CallToolCall,
  ): Promise<ToolCallRecord> {
    emit({ type: 'tool.call', id: call.toolCallId, name: call.toolName, input: call.input });
    const target = targets.get(call.toolName);
    const question = (call.input as { question?: unknown } | null)?.question;
    let output: string;
    let isError = true;
    let refusal: AppError | null = null;
    if (!target) {
      output = `There is no tool named ${call.toolName}`;
    } else if (target.adminState !== 'active') {
      // A paused agent takes no new work, not even a question; the asking agent hears why.
      output = `${target.name} is ${target.adminState} and takes no new work`;
    } else if (typeof question !== 'string' || question.trim() === '') {
      output = 'The tool needs a "question" string';
    } else if (
      (refusal = running.root.admit({
        fromAgentId: request.agent.id,
        toAgentId: target.id,
        input: question,
        depth: running.depth,
      }))
    ) {
      // A trip that ends the root task is recorded once, by the root task as it ends.
      if (endsRootTask(refusal.code)) throw refusal;
      await this.recordTrip(request.workspaceId, running, refusal, target.id);
      output = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
    } else {
      // Named field by field: the asked agent shares only the scope and the stop signal.
      const answer = await this.execute(
        {
          workspaceId: request.workspaceId,
          agent: target,
          kind: 'agent_tool_call',
          scope: request.scope,
          input: question,
          signal: request.signal,
        },
        { emit },
        running,
      );
      // Stopping and running out of budget end the whole task; other failures are the tool's answer.
      if (answer.error && (answer.error.code === 'aborted' || endsRootTask(answer.error.code))) throw answer.error;
      output = answer.error ? `${target.name} failed: ${answer.error.message}` : answer.text;
      isError = answer.error !== null;
    }
    emit({ type: 'tool.result', id: call.toolCallId, name: call.toolName, output, isError });
    return { id: call.toolCallId, name: call.toolName, input: call.input, output, isError };
  }

  /** Stores a tripped limit (best effort: a lost record never changes how the task ends). */
  private async recordTrip(workspaceId: string, running: RunningTask, error: AppError, toAgentId: string | null): Promise<void> {
    const trip: DelegationTrip = {
      code: error.code as DelegationTrip['code'],
      message: error.message,
      rootTaskId: running.rootTaskId,
      taskId: running.task.id,
      fromAgentId: running.task.agentId,
      toAgentId,
      fleetId: running.root.policy.fleetId,
    };
    await this.options.trips?.insert(workspaceId, trip).catch(() => undefined);
  }

  /**
   * Records the task's end and, in the same transaction, what the caller commits with it. When that
   * transaction fails, the task is still ended (failed), so it does not look running until a restart.
   */
  private async finish(
    workspaceId: string,
    running: RunningTask,
    failure: AppError | null,
    commit: TaskRunOptions['commit'],
  ): Promise<TaskResult> {
    const own = running.own.totals();
    const end = (error: AppError | null) => ({
      status: error ? endStatus(error) : ('succeeded' as const),
      usage: own.usage,
      costUsd: own.costUsd,
      llmCalls: own.llmCalls,
      error: error ? { code: error.code, message: error.message } : null,
    });
    // The system prompt was read back when the task started; it does not change.
    const finished = (record: AgentTaskRecord): AgentTask => ({ ...record, systemPrompt: running.task.systemPrompt });
    try {
      return await this.options.unitOfWork.transaction(async (repositories) => {
        const record = await repositories.tasks.finish(workspaceId, running.task.id, end(failure));
        const result: TaskResult = { ...running.reply, task: finished(record), error: failure, spent: running.total.totals() };
        await commit?.(result, repositories);
        return result;
      });
    } catch (error) {
      const reason = asAppError(error);
      await this.options.tasks.finish(workspaceId, running.task.id, end(reason)).catch(() => undefined);
      throw error;
    }
  }
}

/** The abort reason of a root task's deadline. */
const TIMED_OUT = 'task_timeout';

const timedOut = (root: RootTaskLimits): AppError =>
  new AppError('task_timeout', `Stopped: the root task ran past its time limit (${root.policy.timeoutMs} ms)`);

function assertAvailable(agent: Agent): void {
  if (agent.adminState !== 'active') {
    throw new AppError('agent_unavailable', `${agent.name} is ${agent.adminState} and takes no new work; resume it to use it`);
  }
}

function asAppError(error: unknown): AppError {
  if (error instanceof LlmCallFailedError) return error;
  if (error instanceof AppError) return error;
  return new AppError('internal_error', 'The task failed unexpectedly', { cause: error });
}
