import { ZERO_USAGE, type LlmCall, type ModelRef, type TokenUsage } from '@agent-fleet/contracts';
import { jsonSchema, Output, streamText, type LanguageModelUsage, type ModelMessage, type ToolSet } from 'ai';
import { AppError } from '../app-error.js';
import { abortableSleep } from './abortable-sleep.js';
import { classifyError, type ClassifiedError } from './error-class.js';
import { createLanguageModel } from './language-models.js';
import type { LlmCallRepository } from './llm-ports.js';
import type { ModelService } from './model-service.js';
import { costOf } from './pricing.js';
import type { ProviderLimiter } from './provider-limiter.js';
import type { ProviderService } from './provider-service.js';

export interface RetryPolicy {
  /** Tries per model, the first included. Default 3. */
  maxAttempts: number;
  /** First backoff; doubles each retry, with full jitter. Default 500 ms. */
  baseDelayMs: number;
  /** Longest wait between tries, also the longest Retry-After honoured (longer → next model). Default 30 s. */
  maxDelayMs: number;
  /** Time allowed for one provider call. Default 120 s. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 120_000 };

/** What a call served, recorded on its ledger row. */
export interface CallScope {
  workspaceId: string;
  agentId: string | null;
  conversationId: string | null;
  taskId: string | null;
  promptRef: string | null;
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
}

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
      // 424: the request was fine, the provider it depends on failed (a 5xx would blame this server).
      classified.errorClass === 'aborted' ? 409 : 424,
      classified.errorClass === 'aborted' ? 'Stopped by the user' : `The model call failed: ${classified.message}`,
    );
  }
}

/**
 * Makes one model call the way a production system must: through the provider's concurrency and rate
 * limits, with a timeout, retrying 429/5xx/timeouts with exponential backoff and jitter (honouring
 * Retry-After), then falling back to the next model. Every try, failed or not, is one ledger row.
 * Text already streamed to the user cannot be taken back, so a failure after the first token is final.
 */
export class LlmCaller {
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: LlmCallerOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
  }

  async call(scope: CallScope, request: CallRequest, listener: CallListener = {}): Promise<CallResult> {
    let last: ClassifiedError | undefined;
    for (const [index, target] of request.models.entries()) {
      for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
        const outcome = await this.attempt(scope, request, target, { attempt, fallback: index > 0 }, listener);
        if (outcome.ok) return outcome.result;
        last = outcome.error;
        if (last.errorClass === 'aborted' || outcome.streamed) throw new LlmCallFailedError(last);
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
  ): Promise<{ ok: true; result: CallResult } | { ok: false; error: ClassifiedError; streamed: boolean }> {
    const started = Date.now();
    let firstTokenAt: number | null = null;
    let text = '';
    const toolCalls: CallToolCall[] = [];
    let usage: TokenUsage = ZERO_USAGE;
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('The provider call timed out', 'TimeoutError')),
      this.policy.timeoutMs,
    );
    const signal = AbortSignal.any([request.signal, timeout.signal]);
    let release: (() => void) | undefined;
    const mock = target.provider === 'mock';
    const record = async (outcome: LlmCall['outcome'], error: ClassifiedError | null, costUsd: number) => {
      const row = await this.options.ledger.insert(scope.workspaceId, {
        provider: target.provider,
        model: target.model,
        mock,
        usage,
        costUsd,
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
        runId: null,
        stepId: null,
        promptRef: scope.promptRef,
      });
      listener.onLedger?.(row);
    };

    try {
      const config = await this.options.providers.resolve(scope.workspaceId, target.provider);
      release = await this.options.limiter.acquire(`${scope.workspaceId}:${target.provider}`, signal);
      const result = streamText({
        model: createLanguageModel(config, target.model, this.options.fetch),
        system: request.system,
        messages: request.messages,
        tools: request.tools,
        temperature: request.temperature,
        maxOutputTokens: request.maxTokens,
        topP: request.topP,
        maxRetries: 0,
        abortSignal: signal,
        // Errors arrive as stream parts below and are recorded there; the SDK's default would print them.
        onError: () => undefined,
        ...(request.jsonSchema ? { output: Output.object({ schema: jsonSchema(request.jsonSchema) }) } : {}),
      });
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') {
          firstTokenAt ??= Date.now();
          text += part.text;
          listener.onDelta?.(part.text);
        } else if (part.type === 'tool-call') {
          firstTokenAt ??= Date.now();
          toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
        } else if (part.type === 'finish') {
          usage = toTokenUsage(part.totalUsage);
        } else if (part.type === 'error') {
          throw part.error;
        } else if (part.type === 'abort') {
          throw signal.reason ?? new DOMException('Aborted', 'AbortError');
        }
      }
      const costUsd = costOf(usage, await this.options.models.prices(scope.workspaceId, target.provider, target.model));
      await record('success', null, costUsd);
      return { ok: true, result: { provider: target.provider, model: target.model, mock, text, toolCalls, usage, costUsd } };
    } catch (error) {
      if (error instanceof AppError && error.code === 'provider_not_configured') {
        const classified: ClassifiedError = { errorClass: 'auth', retryable: false, retryAfterMs: null, message: error.message };
        await record('error', classified, 0);
        return { ok: false, error: classified, streamed: false };
      }
      const classified = classifyError(error, {
        timedOut: timeout.signal.aborted && !request.signal.aborted,
        aborted: request.signal.aborted,
      });
      // Tokens streamed before a failure were still billed by the provider.
      const costUsd = costOf(usage, await this.options.models.prices(scope.workspaceId, target.provider, target.model));
      await record(classified.errorClass === 'aborted' ? 'cancelled' : 'error', classified, costUsd);
      return { ok: false, error: classified, streamed: firstTokenAt !== null };
    } finally {
      clearTimeout(timer);
      release?.();
    }
  }
}
