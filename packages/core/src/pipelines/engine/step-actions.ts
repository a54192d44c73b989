import type { BodyStep, LlmCall, ModelRef, Step } from '@agent-fleet/contracts';
import type { ModelMessage } from 'ai';
import type { LlmCaller } from '../../llm/llm-caller.js';
import type { PromptService } from '../../prompts/prompt-service.js';
import type { FleetStepPort } from './fleet-step.js';
import type { Spend } from './run-store.js';
import { StepFailure } from './step-failure.js';

/** What an action step (prompt, agent, http, transform) works with. */
export interface ActionContext {
  workspaceId: string;
  runId: string;
  /** The step run's key, as the ledger records it. */
  stepKey: string;
  /** Renders a template value against the step's scope (`input`, `steps`, `item`, `index`, `run`). */
  render(value: unknown): Promise<unknown>;
  /** The step's `with`, rendered. */
  params: Record<string, unknown>;
  /** Throws `budget_exceeded` when the run has spent its budget; called before every model call. */
  checkBudget(): Promise<void>;
  /** Each ledger row of the step's model calls, failed ones included: what the step spent. */
  onLedger(call: LlmCall): void;
  signal: AbortSignal;
}

export interface ActionResult {
  output: unknown;
  /** What the step spent beyond the ledger rows reported through `onLedger` (an agent task's totals). */
  spend?: Spend;
}

/** What the action steps need from the rest of the system. */
export interface StepActionDependencies {
  /** The prompt registry and the model caller, for `prompt` steps. */
  prompts?: PromptService;
  caller?: LlmCaller;
  /** The guarded fetch: every `http` step's request passes the outbound policy. */
  fetch: typeof globalThis.fetch;
  /** Runs one agent task (the agent runner); absent in tests that run no agent steps. */
  runAgentTask?: (request: AgentTaskRequest) => Promise<ActionResult>;
  /** Submits `fleet` steps' tasks and settles the steps when they end; absent where fleets are not wired. */
  fleetSteps?: FleetStepPort;
}

export interface AgentTaskRequest {
  workspaceId: string;
  agentName: string;
  task: string;
  variables: Record<string, unknown>;
  jsonSchema?: Record<string, unknown>;
  runId: string;
  stepKey: string;
  signal: AbortSignal;
}

/** An `http` step's response body is read up to this many bytes. */
const MAX_HTTP_RESPONSE_BYTES = 5_000_000;

type ActionStep = Extract<Step | BodyStep, { type: 'prompt' | 'agent' | 'http' | 'transform' | 'fleet' }>;

export function isActionStep(step: Step | BodyStep): step is ActionStep {
  return (
    step.type === 'prompt' || step.type === 'agent' || step.type === 'http' || step.type === 'transform' || step.type === 'fleet'
  );
}

export async function runAction(step: ActionStep, context: ActionContext, deps: StepActionDependencies): Promise<ActionResult> {
  switch (step.type) {
    case 'transform':
      return { output: await context.render(step.value) };
    case 'http':
      return httpAction(step, context, deps.fetch);
    case 'prompt':
      return promptAction(step, context, deps);
    case 'agent': {
      if (!deps.runAgentTask) throw new StepFailure('unsupported', 'Agent steps are not available here', null);
      await context.checkBudget();
      const task = await context.render(step.task);
      return deps.runAgentTask({
        workspaceId: context.workspaceId,
        agentName: step.agent,
        task: typeof task === 'string' ? task : JSON.stringify(task),
        variables: context.params,
        runId: context.runId,
        stepKey: context.stepKey,
        signal: context.signal,
      });
    }
    case 'fleet':
      // The step runner submits a fleet step's task and parks the step (fleet-step.ts); it is no action.
      throw new StepFailure('unsupported', 'A fleet step is not run as an action', null);
  }
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

async function httpAction(
  step: Extract<ActionStep, { type: 'http' }>,
  context: ActionContext,
  fetch: typeof globalThis.fetch,
): Promise<ActionResult> {
  const url = asText(await context.render(step.url));
  const headers = Object.fromEntries(
    Object.entries(((await context.render(step.headers ?? {})) ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name,
      asText(value),
    ]),
  );
  if (step.idempotencyKey !== undefined) headers['idempotency-key'] = asText(await context.render(step.idempotencyKey));
  let body: string | undefined;
  if (step.body !== undefined) {
    const rendered = await context.render(step.body);
    body = typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
    if (typeof rendered !== 'string' && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: step.method,
      headers,
      signal: context.signal,
      ...(body === undefined ? {} : { body }),
    });
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason ?? error;
    if (error instanceof Error && 'code' in error && error.code === 'outbound_refused') {
      throw new StepFailure('outbound_refused', error.message, null);
    }
    throw new StepFailure(
      'network',
      `The request to ${safeOrigin(url)} failed: ${error instanceof Error ? error.message : String(error)}`,
      'network',
    );
  }
  const text = await readCapped(response);
  if (response.status === 429) throw new StepFailure('rate_limited', `HTTP 429 from ${safeOrigin(url)}`, 'rate_limited');
  if (response.status >= 500) throw new StepFailure('http', `HTTP ${response.status} from ${safeOrigin(url)}`, 'http');
  if (response.status >= 400) throw new StepFailure('http_client_error', `HTTP ${response.status} from ${safeOrigin(url)}`, null);
  const json = (response.headers.get('content-type') ?? '').includes('json');
  if (!json) return { output: text };
  try {
    return { output: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch {
    throw new StepFailure('invalid_output', `The response of ${safeOrigin(url)} is not valid JSON`, 'invalid_output');
  }
}

/** The origin only: a URL's path and query may carry secrets, and errors are stored and shown. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

async function readCapped(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_HTTP_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new StepFailure('invalid_output', `The response is larger than ${MAX_HTTP_RESPONSE_BYTES} bytes`, null);
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > MAX_HTTP_RESPONSE_BYTES) {
      await reader.cancel();
      throw new StepFailure('invalid_output', `The response is larger than ${MAX_HTTP_RESPONSE_BYTES} bytes`, null);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function promptAction(
  step: Extract<ActionStep, { type: 'prompt' }>,
  context: ActionContext,
  { prompts, caller }: StepActionDependencies,
): Promise<ActionResult> {
  if (!prompts || !caller) throw new StepFailure('unsupported', 'Prompt steps are not available here', null);
  const [name = '', selector = 'latest'] = step.prompt.split('@');
  const version = await prompts.version(context.workspaceId, name, selector);
  // A step is work the server runs: it waits for a template worker rather than fail for a busy moment.
  const rendered = await prompts.render(context.workspaceId, name, version, context.params, { wait: true });
  const model: ModelRef | null =
    step.model ??
    (version.config.provider && version.config.model ? { provider: version.config.provider, model: version.config.model } : null);
  if (!model) {
    throw new StepFailure(
      'no_model',
      `Prompt ${step.prompt} names no model; set "model" on the step or in the prompt's config`,
      null,
    );
  }
  const chat = rendered.messages ?? [{ role: 'user' as const, content: rendered.text ?? '' }];
  const system = chat
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  const messages: ModelMessage[] = chat
    .filter((message) => message.role !== 'system')
    .map((message) => ({ role: message.role as 'user' | 'assistant', content: message.content }));
  if (messages.length === 0) messages.push({ role: 'user', content: system });
  await context.checkBudget();
  const result = await caller.call(
    {
      workspaceId: context.workspaceId,
      agentId: null,
      conversationId: null,
      taskId: null,
      promptRef: `${name}@${version.version}`,
      runId: context.runId,
      stepId: context.stepKey,
    },
    {
      models: [model],
      system: messages[0]?.content === system ? undefined : system || undefined,
      messages,
      tools: {},
      temperature: step.temperature ?? version.config.temperature,
      jsonSchema: step.jsonSchema,
      signal: context.signal,
    },
    { onLedger: context.onLedger },
  );
  if (!step.jsonSchema) return { output: result.text };
  try {
    return { output: JSON.parse(result.text) as unknown };
  } catch {
    throw new StepFailure('invalid_output', 'The model did not answer with JSON', 'invalid_output');
  }
}
