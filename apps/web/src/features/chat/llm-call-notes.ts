import type { LlmErrorClass } from '@agent-fleet/contracts';
import type { LlmCallEvent } from './turn-state';

/** How a failed provider call is named in a note: short, the way people say it. */
const ERROR_NAMES: Record<LlmErrorClass, string> = {
  rate_limited: '429',
  server_error: '5xx',
  timeout: 'timeout',
  network: 'network error',
  auth: 'auth error',
  bad_request: 'bad request',
  aborted: 'abort',
  refused: 'refusal',
  incomplete_stream: 'cut stream',
  malformed_stream: 'bad stream',
  unknown: 'error',
};

const errorName = (errorClass: string | null): string =>
  errorClass !== null && errorClass in ERROR_NAMES ? ERROR_NAMES[errorClass as LlmErrorClass] : 'error';

/**
 * One quiet line on how a reply came about when it was not one clean call, e.g.
 * "retried 429 ×1, served by fallback gpt-4o-mini"; null when the first call simply answered.
 */
export function llmCallNote(calls: readonly LlmCallEvent[]): string | null {
  const failures = new Map<string, number>();
  for (const call of calls) {
    if (call.outcome !== 'error') continue;
    const name = errorName(call.errorClass);
    failures.set(name, (failures.get(name) ?? 0) + 1);
  }
  const parts = [...failures].map(([name, count]) => `retried ${name} ×${count}`);
  const servedBy = calls.findLast((call) => call.outcome === 'success');
  if (servedBy?.fallback) parts.push(`served by fallback ${servedBy.model}`);
  return parts.length === 0 ? null : parts.join(', ');
}
