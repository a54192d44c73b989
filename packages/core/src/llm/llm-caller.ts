import type { LlmCall, ModelRef, TokenUsage } from '@agent-fleet/contracts';
import { jsonSchema, Output, streamText, type LanguageModelUsage, type ModelMessage, type ToolSet } from 'ai';
import { AppError } from '../app-error.js';
import type { LiveEvents } from '../live-events.js';
import { abortableSleep } from './abortable-sleep.js';
import { classifyError, IncompleteStreamError, type ClassifiedError } from './error-class.js';
import { createLanguageModel, schemaInstructions } from './language-models.js';
import type { LlmCallInsert, LlmCallRepository } from './llm-ports.js';
import type { ModelService } from './model-service.js';
import { costOf } from './pricing.js';
import type { OperationalMetrics } from '../ports/operational-metrics.js';
import { NO_TRACING, type Tracing } from '../ports/tracing.js';
import { chatResult, chatSpan } from './gen-ai-attributes.js';
import type { ProviderLimiter } from '../ports/provider-limiter.js';
import type { ProviderService } from './provider-service.js';
import { RawUsageReader } from './raw-usage.js';
import { StreamWatchdog } from './stream-watchdog.js';
import { estimatedUsage, estimateInputTokens } from './usage-estimate.js';

export interface RetryPolicy {
  /** Tries per model, the first included. Default 3. */
  maxAttempts: number;
  /** First backoff; doubles each retry, with full jitter. Default 500 ms. */
  baseDelayMs: number;
  /** Longest wait between tries, also the longest Retry-After honoured (longer → next model). Default 30 s. */
  maxDelayMs: number;
  /** Time allowed until the first token of a call. Default 60 s. */
  firstTokenTimeoutMs: number;
  /** Longest silence between two chunks once streaming. Default 30 s. */
  idleTimeoutMs: number;
  /** Optional cap on a whole call, however healthy its stream; 0 = none. Default 0. */
  totalTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  firstTokenTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  totalTimeoutMs: 0,
};

/** What a call served, recorded on its ledger row. */
export interface CallScope {
  workspaceId: string;
  agentId: string | null;
  conversationId: string | null;
  taskId: string | null;
  promptRef: string | null;
  /** The pipeline run and step key a call served. Default: none. */
  runId?: string | null;
  stepId?: string | null;
}

export interface CallRequest {
  /** The primary model, then the fallbacks in order. */
  models: readonly ModelRef[];
  system: string | undefined;
  messages: ModelMessage[];
  tools: ToolSet;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  topP?: number | undefined;
  /** Ask for JSON matching this JSON Schema. */
  jsonSchema?: Record<string, unknown> | undefined;
  signal: AbortSignal;
}

export interface CallToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

export interface CallResult {
  provider: string;
  model: string;
  mock: boolean;
  text: string;
  toolCalls: CallToolCall[];
  usage: TokenUsage;
  costUsd: number;
}

/** Callbacks as the call streams: text deltas, and each ledger row once written. */
export interface CallListener {
  onDelta?(delta: string): void;
  onLedger?(call: LlmCall): void;
}

export interface LlmCallerOptions {
  providers: ProviderService;
  models: ModelService;
  ledger: LlmCallRepository;
  limiter: ProviderLimiter;
  fetch: typeof globalThis.fetch;
  retry?: Partial<RetryPolicy>;
  /** Replaceable for tests that check the waits without waiting. Default: a real, abortable sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told of each finished ledger row (`usage.recorded`), for live usage views. Default: nobody. */
  live?: LiveEvents;
  /** Counts each finished ledger row for operators. Default: nothing counted. */
  metrics?: OperationalMetrics;
  /** Puts each try in a `chat {model}` span. Default: no tracing. */
  tracing?: Tracing;
}

/** Whether the provider reported usage at all (a cut stream reports none). */
export const hasReportedUsage = (usage: LanguageModelUsage | undefined): boolean =>
  usage?.inputTokens !== undefined || usage?.outputTokens !== undefined;

export const toTokenUsage = (usage: LanguageModelUsage | undefined): TokenUsage => ({
  inputTokens: usage?.inputTokens ?? 0,
  outputTokens: usage?.outputTokens ?? 0,
  cachedInputTokens: usage?.inputTokenDetails?.cacheReadTokens ?? 0,
  cacheWriteTokens: usage?.inputTokenDetails?.cacheWriteTokens ?? 0,
  reasoningTokens: usage?.outputTokenDetails?.reasoningTokens ?? 0,
});

/** A call failed on every model: carries the last error's class for the caller to report. */
export class LlmCallFailedError extends AppError {
  constructor(readonly classified: ClassifiedError) {
    super(
      classified.errorClass === 'aborted'
        ? 'aborted'
        : classified.errorClass === 'refused'
          ? 'outbound_refused'
          : 'provider_error',
      // provider_error is 424: the request was fine, the provider it depends on failed (a 5xx would blame this server).
      classified.errorClass === 'aborted' ? 'Stopped by the user' : `The model call failed: ${classified.message}`,
    );
  }
}

/** How often a streaming call's in-flight row is updated with the output so far (what a crash would lose). */
const IN_FLIGHT_CHECKPOINT_MS = 2_000;

type AttemptOutcome =
  { ok: true; result: CallResult } | { ok: false; error: ClassifiedError; streamed: boolean; schemaRejected: boolean };

/**
 * Makes one model call the way a production system must: through the provider's concurrency and rate
 * limits, with time-to-first-token and idle timeouts, retrying 429/5xx/timeouts/broken streams with
 * exponential backoff and jitter (honouring Retry-After), then falling back to the next model.
 *
 * Every try is one ledger row, written `in_flight` before the request (so a crash cannot lose a billed
 * call) and finalised after: with the usage the provider reported, or an estimate flagged `estimated`
 * when it reported none. A stream that ends without its final event is a failure, never a short success.
 * Text already streamed to the user cannot be taken back, so a failure after the first token is final.
 */
export class LlmCaller {
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  /** OpenAI-compatible servers (per workspace, provider and model) that refused a `json_schema` response format. */
  private readonly noJsonSchema = new Set<string>();

  constructor(private readonly options: LlmCallerOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
  }

  async call(scope: CallScope, request: CallRequest, listener: CallListener = {}): Promise<CallResult> {
    let last: ClassifiedError | undefined;
    for (const [index, target] of request.models.entries()) {
      for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
        const span = chatSpan(target, scope, attempt);
        const outcome = await (this.options.tracing ?? NO_TRACING).span(
          span.name,
          span.attributes,
          () => this.attempt(scope, request, target, { attempt, fallback: index > 0 }, listener),
          (o) => (o.ok ? chatResult({ model: o.result.model, ...o.result.usage }) : chatResult({ error: o.error.errorClass })),
        );
        if (outcome.ok) return outcome.result;
        last = outcome.error;
        if (last.errorClass === 'aborted' || outcome.streamed) throw new LlmCallFailedError(last);
        // The server refused the JSON Schema format: ask again at once with the schema in the instructions.
        if (outcome.schemaRejected && attempt < this.policy.maxAttempts) continue;
        if (!last.retryable || attempt === this.policy.maxAttempts) break;
        const wait = this.backoff(attempt, last.retryAfterMs);
        if (wait === null) break;
        await this.sleep(wait, request.signal).catch(() => {
          throw new LlmCallFailedError({
            errorClass: 'aborted',
            retryable: false,
            retryAfterMs: null,
            message: 'Stopped by the user',
          });
        });
      }
      // A provider that is not configured is a setup problem; trying the fallbacks is still right.
    }
    throw new LlmCallFailedError(
      last ?? { errorClass: 'unknown', retryable: false, retryAfterMs: null, message: 'No model to call' },
    );
  }

  /** The wait before retry `attempt + 1`, or null when Retry-After asks for longer than we wait. */
  private backoff(attempt: number, retryAfterMs: number | null): number | null {
    if (retryAfterMs !== null) return retryAfterMs > this.policy.maxDelayMs ? null : retryAfterMs;
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attempt(
    scope: CallScope,
    request: CallRequest,
    target: ModelRef,
    position: { attempt: number; fallback: boolean },
    listener: CallListener,
  ): Promise<AttemptOutcome> {
    const started = Date.now();
    let firstTokenAt: number | null = null;
    let text = '';
    let toolInput = '';
    const streamedInputs = new Set<string>();
    const toolCalls: CallToolCall[] = [];
    const mock = target.provider === 'mock';
    const schemaKey = `${scope.workspaceId}:${target.provider}:${target.model}`;
    let schemaAsInstructions = false;
    let release: (() => void) | undefined;
    let watchdog: StreamWatchdog | undefined;
    let inFlight: LlmCall | undefined;
    const raw = new RawUsageReader();
    const { prices, unpriced } = await this.options.models.resolve(scope.workspaceId, target.provider, target.model);
    let estimatedInput = 0;

    const row = (
      outcome: LlmCall['outcome'],
      error: ClassifiedError | null,
      usage: TokenUsage,
      estimated: boolean,
    ): LlmCallInsert => ({
      provider: target.provider,
      model: target.model,
      mock,
      usage,
      costUsd: costOf(usage, prices, estimated ? 0 : raw.cacheWrite1hTokens),
      latencyMs: Date.now() - started,
      timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
      outcome,
      errorClass: error?.errorClass ?? null,
      errorMessage: error?.message.slice(0, 1000) ?? null,
      attempt: position.attempt,
      fallback: position.fallback,
      agentId: scope.agentId,
      conversationId: scope.conversationId,
      taskId: scope.taskId,
      runId: scope.runId ?? null,
      stepId: scope.stepId ?? null,
      promptRef: scope.promptRef,
      estimated,
      unpriced,
    });
    // Checkpoints of the in-flight row run one after another, and always before the final write.
    let checkpoint: Promise<unknown> = Promise.resolve();
    let lastCheckpoint = Date.now();
    const saveProgress = () => {
      if (!inFlight || Date.now() - lastCheckpoint < IN_FLIGHT_CHECKPOINT_MS) return;
      lastCheckpoint = Date.now();
      const { id } = inFlight;
      const snapshot = row('in_flight', null, estimatedUsage(estimatedInput, text + toolInput), true);
      checkpoint = checkpoint.then(() => this.options.ledger.finalise(scope.workspaceId, id, snapshot)).catch(() => undefined);
    };
    const record = async (call: LlmCallInsert) => {
      await checkpoint;
      const stored = inFlight
        ? await this.options.ledger.finalise(scope.workspaceId, inFlight.id, call)
        : await this.options.ledger.insert(scope.workspaceId, call);
      listener.onLedger?.(stored);
      if (stored.outcome !== 'in_flight') {
        await this.options.live?.announce(scope.workspaceId, 'usage.recorded', {
          agentId: stored.agentId,
          runId: stored.runId,
          provider: stored.provider,
          model: stored.model,
        });
      }
      this.options.metrics?.llmCallRecorded(stored);
      return stored;
    };
    let accepted = false;
    /**
     * What a failed, cut or stopped call cost. Nothing when the provider refused the request (an error
     * status, a refused connection); once it accepted it (HTTP 200), its own numbers where it sent them,
     * else an estimate: input counted from the request, output from the text streamed so far.
     */
    const partialUsage = (): { usage: TokenUsage; estimated: boolean } => {
      if (!accepted) return { usage: estimatedUsage(0, ''), estimated: false };
      const guess = estimatedUsage(estimatedInput, text + toolInput);
      return {
        usage: { ...guess, ...raw.input, ...raw.output },
        estimated: !raw.complete,
      };
    };

    try {
      const config = await this.options.providers.resolve(scope.workspaceId, target.provider);
      release = await this.options.limiter.acquire(`${scope.workspaceId}:${target.provider}`, request.signal);
      schemaAsInstructions =
        request.jsonSchema !== undefined && config.kind === 'openai-compatible' && this.noJsonSchema.has(schemaKey);
      const system =
        schemaAsInstructions && request.jsonSchema ? schemaInstructions(request.system, request.jsonSchema) : request.system;
      estimatedInput = estimateInputTokens({ ...request, system });
      // Durable before the request: if this process dies mid-call, start-up recovery finds the row.
      inFlight = await this.options.ledger.insert(
        scope.workspaceId,
        row('in_flight', null, estimatedUsage(estimatedInput, ''), true),
      );
      watchdog = new StreamWatchdog({
        firstTokenMs: this.policy.firstTokenTimeoutMs,
        idleMs: this.policy.idleTimeoutMs,
        totalMs: this.policy.totalTimeoutMs,
      });
      const signal = AbortSignal.any([request.signal, watchdog.signal]);
      const result = streamText({
        model: createLanguageModel(config, target.model, this.options.fetch, { jsonSchema: !schemaAsInstructions }),
        system,
        messages: request.messages,
        tools: request.tools,
        temperature: request.temperature,
        maxOutputTokens: request.maxTokens,
        topP: request.topP,
        maxRetries: 0,
        abortSignal: signal,
        // Raw provider chunks carry usage the SDK drops (Anthropic's input before a cut, 1-hour cache writes).
        includeRawChunks: true,
        // Errors arrive as stream parts below and are recorded there; the SDK's default would print them.
        onError: () => undefined,
        ...(request.jsonSchema ? { output: Output.object({ schema: jsonSchema(request.jsonSchema) }) } : {}),
      });
      let finished = false;
      let usage: TokenUsage | null = null;
      for await (const part of result.fullStream) {
        watchdog.chunk();
        if (part.type === 'start-step') accepted = true;
        if (part.type === 'raw') {
          accepted = true;
          raw.read(part.rawValue);
        } else if (part.type === 'text-delta') {
          firstTokenAt ??= Date.now();
          watchdog.token();
          text += part.text;
          listener.onDelta?.(part.text);
          saveProgress();
        } else if (part.type === 'reasoning-delta' || part.type === 'tool-input-delta') {
          firstTokenAt ??= Date.now();
          watchdog.token();
          if (part.type === 'tool-input-delta') {
            toolInput += part.delta;
            streamedInputs.add(part.id);
          }
        } else if (part.type === 'tool-call') {
          firstTokenAt ??= Date.now();
          watchdog.token();
          toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
          // A provider that sends the call whole (no input deltas) still produced its arguments as output.
          if (!streamedInputs.has(part.toolCallId)) toolInput += JSON.stringify(part.input ?? {});
        } else if (part.type === 'finish') {
          // No finish reason from the provider means its final event never came (the SDK says "other").
          if (part.finishReason === 'error' || (part.finishReason === 'other' && part.rawFinishReason === undefined)) {
            throw new IncompleteStreamError();
          }
          finished = true;
          if (hasReportedUsage(part.totalUsage)) usage = toTokenUsage(part.totalUsage);
        } else if (part.type === 'error') {
          throw part.error;
        } else if (part.type === 'abort') {
          throw signal.reason ?? new DOMException('Aborted', 'AbortError');
        }
      }
      if (!finished) throw new IncompleteStreamError();
      const reported = usage ?? (raw.complete ? { ...estimatedUsage(0, ''), ...raw.input, ...raw.output } : null);
      const final = row('success', null, reported ?? partialUsage().usage, reported === null);
      const stored = await record(final);
      return {
        ok: true,
        result: {
          provider: target.provider,
          model: target.model,
          mock,
          text,
          toolCalls,
          usage: stored.usage,
          costUsd: stored.costUsd,
        },
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'provider_not_configured') {
        const classified: ClassifiedError = { errorClass: 'auth', retryable: false, retryAfterMs: null, message: error.message };
        await record(row('error', classified, estimatedUsage(0, ''), false));
        return { ok: false, error: classified, streamed: false, schemaRejected: false };
      }
      const timedOut = watchdog !== undefined && watchdog.fired !== null && !request.signal.aborted;
      const classified = classifyError(error, { timedOut, aborted: request.signal.aborted });
      if (timedOut && watchdog?.message) classified.message = watchdog.message;
      const schemaRejected =
        request.jsonSchema !== undefined &&
        !schemaAsInstructions &&
        classified.errorClass === 'bad_request' &&
        /response_format|json_schema|schema|structured/i.test(classified.message) &&
        (await this.isCompatible(scope.workspaceId, target.provider));
      if (schemaRejected) this.noJsonSchema.add(schemaKey);
      // The provider bills what it read and what it streamed, even for a call that then failed.
      const spent = partialUsage();
      await record(row(classified.errorClass === 'aborted' ? 'cancelled' : 'error', classified, spent.usage, spent.estimated));
      return { ok: false, error: classified, streamed: firstTokenAt !== null && text !== '', schemaRejected };
    } finally {
      watchdog?.stop();
      release?.();
    }
  }

  private async isCompatible(workspaceId: string, provider: string): Promise<boolean> {
    try {
      return (await this.options.providers.resolve(workspaceId, provider)).kind === 'openai-compatible';
    } catch {
      return false;
    }
  }
}
