import type { Agent } from '@agent-fleet/contracts';
import { useOutletContext } from 'react-router';

/** What the chat page hands its conversation pane. */
export interface ChatOutletContext {
  agent: Agent;
  /** Whether this role may send messages and create, rename or delete conversations (agents:execute). */
  canExecute: boolean;
}

export const useChatOutlet = (): ChatOutletContext => useOutletContext<ChatOutletContext>();
