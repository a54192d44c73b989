import {
  ZERO_USAGE,
  type Agent,
  type AgentTask,
  type ChatEvent,
  type TaskKind,
  type TokenUsage,
  type ToolCallRecord,
} from '@agent-fleet/contracts';
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import type { AgentRepository } from '../agents/agent-repository.js';
import { AppError } from '../app-error.js';
import { LlmCallFailedError, type LlmCaller } from '../llm/llm-caller.js';
import type { AgentTaskRecord, AgentTaskRepository } from '../llm/llm-ports.js';
import { addUsage } from '../llm/pricing.js';
import type { PromptService } from '../prompts/prompt-service.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { AgentActivity } from './agent-activity.js';
import { agentToolset } from './agent-tools.js';
import type { Budget } from './budget.js';
import { checkJson } from './structured-output.js';
import { resolveSystemPrompt, type ResolvedSystemPrompt } from './system-prompt.js';
import { loadTaskSystemPrompt, storeTaskSystemPrompt } from './task-system-prompt.js';

/** Put between the texts of successive model calls of one task, so they do not run together. */
export const CALL_TEXT_SEPARATOR = '\n\n';

/** How deep agents may ask agents (A asks B asks C). Deeper calls get no tools. */
const MAX_AGENT_DEPTH = 3;

export interface RunInput {
  workspaceId: string;
  agent: Agent;
  kind: TaskKind;
  conversationId: string | null;
  parentTaskId: string | null;
  /** Earlier messages of the conversation, as the model saw them. */
  history: ModelMessage[];
  userText: string;
  variables: Record<string, unknown>;
  /** The system prompt `prepare` already rendered from `variables`; rendered here when absent. */
  systemPrompt?: ResolvedSystemPrompt | undefined;
  jsonSchema?: Record<string, unknown> | undefined;
  signal: AbortSignal;
  budget: Budget;
  depth: number;
  /** Called with each event of this task (nested tasks report only their ledger rows through it). */
  emit: (event: ChatEvent) => void;
  /** Called once the task row exists, before any model call. */
  onStart?: (task: AgentTask) => void;
}

export interface RunResult {
  task: AgentTask;
  text: string;
  toolCalls: ToolCallRecord[];
  usage: TokenUsage;
  costUsd: number;
  provider: string | null;
  model: string | null;
  mock: boolean;
  /** The messages this turn added to the transcript (assistant and tool messages). */
  transcript: ModelMessage[];
}

/** A task that did not complete, with what it produced before it stopped. */
export class TaskFailedError extends AppError {
  constructor(
    readonly reason: AppError,
    readonly partial: RunResult,
  ) {
    super(reason.code, reason.status, reason.message, { cause: reason, ...(reason.errors ? { errors: reason.errors } : {}) });
  }
}

export interface AgentRunnerOptions {
  agents: AgentRepository;
  tasks: AgentTaskRepository;
  prompts: PromptService;
  caller: LlmCaller;
  activity: AgentActivity;
  /** Where a task's rendered system prompt goes when it is large. Without it, it stays in the row. */
  blobs?: BlobStore;
}

/**
 * Runs one task of an agent: resolves its system prompt, then calls the model in a loop bounded by the
 * agent's max iterations, running the tools (other agents) it asks for, checking the budget before every
 * call, and validating structured output (with one repair try). The task row records the outcome.
 */
export class AgentRunner {
  constructor(private readonly options: AgentRunnerOptions) {}

  /**
   * Checks, before anything is stored, that a task can start: the agent is available and its system
   * prompt renders with these variables. Throws the 4xx the caller should answer; returns the rendered
   * prompt for `run` (as `systemPrompt`), so it is not rendered twice.
   */
  async prepare(workspaceId: string, agent: Agent, variables: Record<string, unknown>): Promise<ResolvedSystemPrompt> {
    assertAvailable(agent);
    return resolveSystemPrompt(this.options.prompts, workspaceId, agent, variables);
  }

  async run(input: RunInput): Promise<RunResult> {
    const { agent, workspaceId } = input;
    assertAvailable(agent);
    // Rendered before the task row exists so the row records it; a failure still gets its (failed) task.
    let prompt: ResolvedSystemPrompt | undefined;
    let promptError: unknown;
    try {
      prompt = input.systemPrompt ?? (await resolveSystemPrompt(this.options.prompts, workspaceId, agent, input.variables));
    } catch (error) {
      promptError = error;
    }
    const taskId = crypto.randomUUID();
    const record = await this.options.tasks.insert(workspaceId, {
      id: taskId,
      agentId: agent.id,
      kind: input.kind,
      conversationId: input.conversationId,
      parentTaskId: input.parentTaskId,
      summary: input.userText.slice(0, 200),
      systemPrompt: prompt
        ? await storeTaskSystemPrompt(this.options.blobs, workspaceId, { agentId: agent.id, taskId }, prompt, input.variables)
        : null,
    });
    const task = await this.toTask(workspaceId, record);
    input.onStart?.(task);
    await this.options.activity.enter(workspaceId, agent.id);
    const state: RunResult & { llmCalls: number } = {
      task,
      text: '',
      toolCalls: [],
      usage: ZERO_USAGE,
      costUsd: 0,
      provider: null,
      model: null,
      mock: false,
      transcript: [],
      llmCalls: 0,
    };
    const budget = input.budget.with(agent);
    try {
      if (!prompt) throw promptError;
      await this.loop(input, task, budget, state, prompt);
      state.task = await this.finish(workspaceId, task.id, state, 'succeeded', null);
      await this.options.activity.leave(workspaceId, agent.id, false);
      return state;
    } catch (error) {
      const reason = asAppError(error);
      const status = reason.code === 'aborted' ? 'cancelled' : 'failed';
      state.task = await this.finish(workspaceId, task.id, state, status, { code: reason.code, message: reason.message });
      await this.options.activity.leave(workspaceId, agent.id, status === 'failed');
      throw new TaskFailedError(reason, state);
    } finally {
      input.budget.spentUsd = budget.spentUsd;
    }
  }

  private async loop(
    input: RunInput,
    task: AgentTask,
    budget: Budget,
    state: RunResult & { llmCalls: number },
    prompt: ResolvedSystemPrompt,
  ): Promise<void> {
    const { agent, workspaceId } = input;
    const toolset =
      input.depth < MAX_AGENT_DEPTH
        ? await agentToolset(this.options.agents, workspaceId, agent)
        : { tools: {}, targets: new Map() };
    const messages: ModelMessage[] = [...prompt.preamble, ...input.history, { role: 'user', content: input.userText }];
    const validator = input.jsonSchema ? z.fromJSONSchema(input.jsonSchema) : null;
    let repaired = false;

    for (let iteration = 1; iteration <= agent.limits.maxIterations; iteration += 1) {
      budget.assertRoom();
      // What reached the user already, kept on the message if the call then fails or is stopped.
      let streamed = '';
      // A later call's text starts a new paragraph rather than running on from the last one.
      const separator = state.text === '' ? '' : CALL_TEXT_SEPARATOR;
      const result = await this.options.caller
        .call(
          { workspaceId, agentId: agent.id, conversationId: input.conversationId, taskId: task.id, promptRef: prompt.promptRef },
          {
            models: [agent.model, ...agent.model.fallbacks],
            system: prompt.system,
            messages,
            tools: toolset.tools,
            temperature: agent.model.temperature,
            maxTokens: agent.model.maxTokens,
            topP: agent.model.topP,
            jsonSchema: input.jsonSchema,
            signal: input.signal,
          },
          {
            onDelta: (text) => {
              const delta = streamed === '' ? separator + text : text;
              streamed += delta;
              if (input.depth === 0) input.emit({ type: 'text.delta', delta });
            },
            onLedger: (row) => {
              state.provider = row.provider;
              state.model = row.model;
              state.mock = row.mock;
              state.llmCalls += 1;
              state.usage = addUsage(state.usage, row.usage);
              state.costUsd += row.costUsd;
              budget.spentUsd += row.costUsd;
              if (row.outcome !== 'success' && row.outcome !== 'error' && row.outcome !== 'cancelled') return;
              input.emit({
                type: 'llm.call',
                provider: row.provider,
                model: row.model,
                outcome: row.outcome,
                errorClass: row.errorClass,
                attempt: row.attempt,
                fallback: row.fallback,
                usage: row.usage,
                costUsd: row.costUsd,
                estimated: row.estimated,
                unpriced: row.unpriced,
              });
            },
          },
        )
        .catch((error: unknown) => {
          state.text += streamed;
          throw error;
        });
      state.provider = result.provider;
      state.model = result.model;
      state.mock = result.mock;
      if (result.text) state.text += (state.text === '' ? '' : CALL_TEXT_SEPARATOR) + result.text;
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
      state.transcript.push(assistant);

      if (result.toolCalls.length === 0) {
        if (!validator) return;
        const problem = checkJson(result.text, validator);
        if (problem === null) return;
        if (repaired) throw new AppError('schema_mismatch', 422, `The reply does not match the requested schema: ${problem}`);
        repaired = true;
        const repair: ModelMessage = {
          role: 'user',
          content: `Your reply is not valid JSON for the requested schema (${problem}). Reply again with only the corrected JSON, matching this JSON Schema: ${JSON.stringify(input.jsonSchema)}`,
        };
        messages.push(repair);
        state.transcript.push(repair);
        state.text = '';
        continue;
      }

      const results = [];
      for (const call of result.toolCalls) {
        const record = await this.runTool(input, task, budget, toolset.targets, call);
        state.toolCalls.push(record);
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
      state.transcript.push(toolMessage);
    }
    throw new AppError(
      'max_iterations',
      422,
      `Stopped after ${agent.limits.maxIterations} model calls without a final answer (the agent's max iterations)`,
    );
  }

  /** Asks another agent: a nested task of its own, sharing this task's budget and stop signal. */
  private async runTool(
    input: RunInput,
    task: AgentTask,
    budget: Budget,
    targets: Map<string, Agent>,
    call: { toolCallId: string; toolName: string; input: unknown },
  ): Promise<ToolCallRecord> {
    input.emit({ type: 'tool.call', id: call.toolCallId, name: call.toolName, input: call.input });
    const target = targets.get(call.toolName);
    const question = (call.input as { question?: unknown } | null)?.question;
    let output: string;
    let isError = false;
    if (!target) {
      output = `There is no tool named ${call.toolName}`;
      isError = true;
    } else if (typeof question !== 'string' || question.trim() === '') {
      output = 'The tool needs a "question" string';
      isError = true;
    } else {
      try {
        // Named field by field: the asked agent shares only the conversation, stop signal, budget and events.
        const answer = await this.run({
          workspaceId: input.workspaceId,
          agent: target,
          kind: 'agent_tool_call',
          conversationId: input.conversationId,
          parentTaskId: task.id,
          history: [],
          userText: question,
          variables: {},
          signal: input.signal,
          budget,
          depth: input.depth + 1,
          emit: input.emit,
        });
        output = answer.text;
      } catch (error) {
        if (!(error instanceof TaskFailedError)) throw error;
        // Stopping and running out of budget end the whole task; other failures are the tool's answer.
        if (error.reason.code === 'aborted' || error.reason.code === 'budget_exceeded') throw error.reason;
        output = `${target.name} failed: ${error.reason.message}`;
        isError = true;
      }
    }
    input.emit({ type: 'tool.result', id: call.toolCallId, name: call.toolName, output, isError });
    return { id: call.toolCallId, name: call.toolName, input: call.input, output, isError };
  }

  private async finish(
    workspaceId: string,
    taskId: string,
    state: RunResult & { llmCalls: number },
    status: AgentTask['status'],
    error: AgentTask['error'],
  ): Promise<AgentTask> {
    const record = await this.options.tasks.finish(workspaceId, taskId, {
      status,
      usage: state.usage,
      costUsd: Math.round(state.costUsd * 1e10) / 1e10,
      llmCalls: state.llmCalls,
      error,
    });
    return this.toTask(workspaceId, record);
  }

  private async toTask(workspaceId: string, record: AgentTaskRecord): Promise<AgentTask> {
    return { ...record, systemPrompt: await loadTaskSystemPrompt(this.options.blobs, workspaceId, record) };
  }
}

function assertAvailable(agent: Agent): void {
  if (agent.status === 'paused' || agent.status === 'offline') {
    throw new AppError('agent_unavailable', 409, `${agent.name} is ${agent.status}; set it to idle to use it`);
  }
}

function asAppError(error: unknown): AppError {
  if (error instanceof TaskFailedError) return error.reason;
  if (error instanceof LlmCallFailedError) return error;
  if (error instanceof AppError) return error;
  return new AppError('internal_error', 500, 'The task failed unexpectedly', { cause: error });
}
