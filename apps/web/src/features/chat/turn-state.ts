import type { ChatEvent, Message, TaskError } from '@agent-fleet/contracts';

export type LlmCallEvent = Extract<ChatEvent, { type: 'llm.call' }>;

/** A tool call as the turn streams it; `output` is null until its result arrives. */
export interface LiveToolCall {
  id: string;
  name: string;
  input: unknown;
  output: string | null;
  isError: boolean;
}

/**
 * `sending`: the request is out, no event yet. `streaming`: the turn runs. Then exactly one of
 * `completed`, `failed` (the server said so, or the connection dropped) or `stopped` (by this user).
 */
export type TurnPhase = 'sending' | 'streaming' | 'completed' | 'failed' | 'stopped';

/** What the page knows of the turn in flight, built from its events. */
export interface LiveTurn {
  /** What the user sent, shown before the server confirms it. */
  content: string;
  /** The stored user message, from `turn.started`. */
  userMessage: Message | null;
  taskId: string | null;
  /** The reply so far, from `text.delta`. */
  text: string;
  toolCalls: LiveToolCall[];
  /** Every provider call, failed ones included: how retries and fallbacks are shown. */
  llmCalls: LlmCallEvent[];
  phase: TurnPhase;
  /** The stored reply once the turn ended: complete, or what a failed turn made before failing. */
  message: Message | null;
  error: TaskError | null;
}

export const startTurn = (content: string): LiveTurn => ({
  content,
  userMessage: null,
  taskId: null,
  text: '',
  toolCalls: [],
  llmCalls: [],
  phase: 'sending',
  message: null,
  error: null,
});

export const isTurnRunning = (turn: LiveTurn | null): boolean => turn?.phase === 'sending' || turn?.phase === 'streaming';

/** The turn after one more of its events. Events for a turn that already ended change nothing. */
export function applyChatEvent(turn: LiveTurn, event: ChatEvent): LiveTurn {
  if (!isTurnRunning(turn)) return turn;
  switch (event.type) {
    case 'turn.started':
      return { ...turn, phase: 'streaming', taskId: event.taskId, userMessage: event.userMessage };
    case 'text.delta':
      return { ...turn, phase: 'streaming', text: turn.text + event.delta };
    case 'tool.call':
      return {
        ...turn,
        toolCalls: [...turn.toolCalls, { id: event.id, name: event.name, input: event.input, output: null, isError: false }],
      };
    case 'tool.result': {
      const result = { output: event.output, isError: event.isError };
      const known = turn.toolCalls.some((call) => call.id === event.id);
      return {
        ...turn,
        toolCalls: known
          ? turn.toolCalls.map((call) => (call.id === event.id ? { ...call, ...result } : call))
          : [...turn.toolCalls, { id: event.id, name: event.name, input: null, ...result }],
      };
    }
    case 'llm.call':
      return { ...turn, llmCalls: [...turn.llmCalls, event] };
    case 'turn.completed':
      return { ...turn, phase: 'completed', message: event.message, text: event.message.content };
    case 'turn.failed':
      return {
        ...turn,
        phase: 'failed',
        error: event.error,
        message: event.message,
        text: event.message?.content ?? turn.text,
      };
  }
}

/** The turn ended without its last event: the connection dropped or the reply was unreadable. */
export const failTurn = (turn: LiveTurn, error: TaskError): LiveTurn =>
  isTurnRunning(turn) ? { ...turn, phase: 'failed', error } : turn;

/** This user pressed Stop; what streamed so far stays on screen. */
export const stopTurn = (turn: LiveTurn): LiveTurn => (isTurnRunning(turn) ? { ...turn, phase: 'stopped' } : turn);
