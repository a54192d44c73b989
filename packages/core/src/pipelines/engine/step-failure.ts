import type { LlmErrorClass, StepError, StepErrorClass } from '@agent-fleet/contracts';
import { ExpressionError } from '../expression.js';
import { LlmCallFailedError } from '../../llm/llm-caller.js';

/**
 * Why a step attempt failed, as the retry policy sees it: `errorClass` is what `retry.on` names (null:
 * never retried, e.g. a rejected approval or a budget stop, whatever the policy says).
 */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly errorClass: StepErrorClass | null,
  ) {
    super(message);
  }

  toError(): StepError {
    return { code: this.code, message: this.message, errorClass: this.errorClass };
  }
}

const LLM_CLASSES: Partial<Record<LlmErrorClass, StepErrorClass>> = {
  rate_limited: 'rate_limited',
  timeout: 'timeout',
  network: 'network',
  server_error: 'provider',
  incomplete_stream: 'provider',
  malformed_stream: 'provider',
};

/** Any error a step's work threw, as a StepFailure with the class its retry policy matches on. */
export function toStepFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof ExpressionError) return new StepFailure('expression', error.message, null);
  if (error instanceof LlmCallFailedError) {
    const { errorClass, message } = error.classified;
    return new StepFailure(errorClass, message, LLM_CLASSES[errorClass] ?? null);
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new StepFailure('timeout', 'The step ran past its timeout', 'timeout');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StepFailure('internal', message, null);
}

/** Whether `policy.on` retries an error of this class (`any` retries every class, not unclassed ones). */
export function retries(on: readonly StepErrorClass[] | undefined, errorClass: StepErrorClass | null): boolean {
  if (errorClass === null) return false;
  const classes = on ?? ['any'];
  return classes.includes('any') || classes.includes(errorClass);
}
