import type { Message, TaskError } from '@agent-fleet/contracts';
import type { LiveTurn, LlmCallEvent } from './turn-state';
import type { WatchedTurn } from './watched-turn';

export interface ToolCallView {
  id: string;
  name: string;
  input: unknown;
  output: string | null;
  isError: boolean;
  /** Still waiting for the tool's answer. */
  pending: boolean;
}

export type ReplyState = 'writing' | 'complete' | 'failed' | 'stopped';

/** An assistant reply as the page shows it, whether stored or still streaming. */
export interface ReplyView {
  content: string;
  toolCalls: ToolCallView[];
  /** The stored message (model, tokens, cost, mock); null while the reply is still streaming. */
  message: Message | null;
  /** The provider calls behind it, when this visit saw them stream. */
  llmCalls: readonly LlmCallEvent[];
  state: ReplyState;
  error: TaskError | null;
}

export function replyFromMessage(message: Message, llmCalls: readonly LlmCallEvent[] = []): ReplyView {
  return {
    content: message.content,
    toolCalls: message.toolCalls.map((call) => ({ ...call, pending: false })),
    message,
    llmCalls,
    state: message.status === 'complete' ? 'complete' : message.status === 'failed' ? 'failed' : 'stopped',
    error: message.error,
  };
}

const PHASE_STATES: Record<LiveTurn['phase'], ReplyState> = {
  sending: 'writing',
  streaming: 'writing',
  completed: 'complete',
  failed: 'failed',
  stopped: 'stopped',
};

export function replyFromTurn(turn: LiveTurn): ReplyView {
  const state = PHASE_STATES[turn.phase];
  return {
    content: turn.text,
    toolCalls: turn.toolCalls.map((call) => ({ ...call, pending: call.output === null && state === 'writing' })),
    message: turn.message,
    llmCalls: turn.llmCalls,
    state,
    error: turn.error ?? turn.message?.error ?? null,
  };
}

/**
 * A turn another client runs, as far as it streamed here: text only (its tool calls and figures come with
 * the stored reply). An ellipsis marks the beginning this tab missed by joining mid-turn.
 */
export function replyFromWatched(watched: WatchedTurn): ReplyView {
  return {
    content: watched.from > 0 ? `…${watched.text}` : watched.text,
    toolCalls: [],
    message: null,
    llmCalls: [],
    state: 'writing',
    error: null,
  };
}
