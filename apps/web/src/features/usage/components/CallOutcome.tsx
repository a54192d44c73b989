import type { LlmCall, LlmErrorClass } from '@agent-fleet/contracts';
import { Badge } from '../../../components/ui/Badge';

const ERROR_CLASS_LABELS: Record<LlmErrorClass, string> = {
  rate_limited: 'Rate limited',
  server_error: 'Server error',
  timeout: 'Timeout',
  network: 'Network',
  auth: 'Auth',
  bad_request: 'Bad request',
  aborted: 'Aborted',
  refused: 'Refused',
  incomplete_stream: 'Stream cut',
  malformed_stream: 'Bad stream',
  unknown: 'Unknown error',
};

/** How a call ended, plus whether it was a retry or served by a fallback model. */
export function CallOutcome({ call }: { call: LlmCall }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      {call.outcome === 'success' && (
        <Badge tone="green" dot>
          Success
        </Badge>
      )}
      {call.outcome === 'cancelled' && (
        <Badge tone="slate" dot>
          Cancelled
        </Badge>
      )}
      {call.outcome === 'in_flight' && (
        <Badge tone="indigo" dot>
          Running
        </Badge>
      )}
      {call.outcome === 'interrupted' && (
        <span title="The server stopped while this call ran">
          <Badge tone="amber" dot>
            Interrupted
          </Badge>
        </span>
      )}
      {call.outcome === 'error' && (
        <span title={call.errorMessage ?? undefined}>
          <Badge tone="red" dot>
            {call.errorClass ? ERROR_CLASS_LABELS[call.errorClass] : 'Error'}
          </Badge>
        </span>
      )}
      {call.attempt > 1 && (
        <span title={`Retry ${call.attempt - 1} of this model`}>
          <Badge tone="amber">Attempt {call.attempt}</Badge>
        </span>
      )}
      {call.fallback && (
        <span title="Served by a fallback model, not the agent’s primary one">
          <Badge tone="sky">Fallback</Badge>
        </span>
      )}
    </div>
  );
}
