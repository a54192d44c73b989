import type { AgentTask, LlmCall } from '@agent-fleet/contracts';
import type { AppError } from '../app-error.js';

/**
 * What a running task reports as it goes, for whoever shows or records it (a chat turn, a pipeline step,
 * a fleet task). Tasks an agent asks report through the same listener: `task.started` names each task,
 * `text.delta` comes from the top task only.
 */
export type TaskEvent =
  | { type: 'task.started'; task: AgentTask }
  | { type: 'text.delta'; delta: string }
  | { type: 'tool.call'; id: string; name: string; input: unknown }
  | { type: 'tool.result'; id: string; name: string; output: string; isError: boolean }
  /** A finished model call, as its ledger row (success, error or cancelled). */
  | { type: 'llm.call'; call: LlmCall };

/** How a task that did not succeed ends: stopping it cancels it, anything else fails it. */
export const endStatus = (error: AppError): 'cancelled' | 'failed' => (error.code === 'aborted' ? 'cancelled' : 'failed');
