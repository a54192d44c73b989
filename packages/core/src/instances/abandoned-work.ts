import type { AgentTaskRepository, ConversationRepository, LlmCallRepository } from '../llm/llm-ports.js';
import type { InstanceRepository, ServerInstance } from './server-instance.js';

export interface AbandonedWorkOptions {
  /** This process: it judges which of the other instances are dead. */
  instance: ServerInstance;
  instances: InstanceRepository;
  ledger: Pick<LlmCallRepository, 'interruptAbandoned'>;
  tasks: Pick<AgentTaskRepository, 'failAbandoned'>;
  conversations: Pick<ConversationRepository, 'releaseAbandonedTurns'>;
}

/** What one pass recovered. */
export interface RecoveredWork {
  /** Dead instances unregistered. */
  instances: number;
  /** In-flight ledger rows now `interrupted`. */
  calls: number;
  /** Running tasks now failed `interrupted`. */
  tasks: number;
  /** Agents of those tasks with nothing left running. */
  agents: number;
  /** Conversations whose turn claim was released (no longer busy). */
  turns: number;
}

/** How often `startServer` looks for work whose owner died. */
export const ABANDONED_WORK_SWEEP_MS = 10_000;

/**
 * Work is abandoned when the process that owns it is no longer registered. One pass unregisters the dead
 * instances (see `ServerInstance`), then recovers whatever names an owner that is not registered: model
 * calls in flight become `interrupted` (estimated usage), running tasks fail `interrupted` (their totals
 * rebuilt from the ledger), and chat turn claims are released. Unregistering first means a pass cut short
 * is finished by the next one; a live instance's work is never touched, so every server may run it, at
 * start-up and periodically.
 */
export async function recoverAbandonedWork(options: AbandonedWorkOptions): Promise<RecoveredWork> {
  const dead = await options.instance.deadPeers();
  if (dead.length > 0) await options.instances.delete(dead);
  const calls = await options.ledger.interruptAbandoned();
  const { tasks, agents } = await options.tasks.failAbandoned();
  const turns = await options.conversations.releaseAbandonedTurns();
  return { instances: dead.length, calls, tasks, agents, turns };
}
