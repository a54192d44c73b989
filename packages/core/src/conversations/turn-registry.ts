import { randomUUID } from 'node:crypto';
import { AppError } from '../app-error.js';
import type { ConversationRepository } from '../llm/llm-ports.js';
import type { EventBus } from '../ports/event-bus.js';

export interface TurnRegistryOptions {
  conversations: ConversationRepository;
  /** Carries a stop to the process running the turn. */
  bus: EventBus;
  /** This process's instance id (`ServerInstance.id`): the owner its claims name. */
  owner: string;
}

/** A turn this process runs: its stop signal, and how to give the conversation back. */
export interface RunningTurn {
  controller: AbortController;
  /** Releases the claim and stops listening for stops; call it once the turn's writes are done. */
  end(): Promise<void>;
}

/** The event that asks the process running a conversation's turn to stop it. */
export const TURN_STOP = 'turn.stop';
/** Published on `conversation:<id>` when a turn begins and when it has ended (its writes done), for the UI. */
export const TURN_STARTED = 'turn.started';
export const TURN_ENDED = 'turn.ended';
export const conversationTopic = (conversationId: string): string => `conversation:${conversationId}`;

const stopped = () => new DOMException('Stopped by the user', 'AbortError');

/**
 * One turn per conversation, whichever server runs it. The claim is a row (the conversation's `turn_id`
 * and `turn_owner`), so `begin` refuses a second turn and `busy` reads the same from every server; it is
 * released when the turn ends, or by recovery when its owner dies. A stop reaches the owner through the
 * EventBus (`turn.stop` on `conversation:<id>`), to which the running process listens for the turn's
 * life; a turn running here is stopped directly.
 */
export class TurnRegistry {
  private readonly local = new Map<string, { turnId: string; controller: AbortController }>();

  constructor(private readonly options: TurnRegistryOptions) {}

  /** Claims the conversation for a new turn; `conversation_busy` (409) when one is running anywhere. */
  async begin(workspaceId: string, conversationId: string): Promise<RunningTurn> {
    const { conversations, bus, owner } = this.options;
    const turnId = randomUUID();
    const controller = new AbortController();
    // Listening before the claim is visible, so no stop sent for this turn can be missed.
    const subscription = await bus.subscribe(conversationTopic(conversationId), {}, (delivery) => {
      if (delivery.kind !== 'event' || delivery.event.type !== TURN_STOP) return;
      if ((delivery.event.data as { turnId?: unknown } | null)?.turnId === turnId) controller.abort(stopped());
    });
    let claimed = false;
    try {
      claimed = await conversations.claimTurn(workspaceId, conversationId, { turnId, owner });
    } finally {
      if (!claimed) subscription.close();
    }
    if (!claimed) {
      throw new AppError('conversation_busy', 'A reply is still being written in this conversation; wait for it or stop it');
    }
    this.local.set(conversationId, { turnId, controller });
    await this.notify(conversationId, TURN_STARTED, turnId);
    return {
      controller,
      end: async () => {
        subscription.close();
        if (this.local.get(conversationId)?.turnId === turnId) this.local.delete(conversationId);
        await conversations.releaseTurn(workspaceId, conversationId, turnId);
        await this.notify(conversationId, TURN_ENDED, turnId);
      },
    };
  }

  /** Tells watchers (the WebSocket gateway) about a turn; a notice the bus could not take is not worth failing the turn for. */
  private async notify(conversationId: string, type: string, turnId: string): Promise<void> {
    try {
      await this.options.bus.publish(conversationTopic(conversationId), { type, data: { turnId } });
    } catch {
      // Only watchers miss it; the turn itself goes on.
    }
  }

  /** Stops the conversation's running turn, here or on another server; false when none runs. */
  async abort(workspaceId: string, conversationId: string): Promise<boolean> {
    const here = this.local.get(conversationId);
    if (here) {
      here.controller.abort(stopped());
      return true;
    }
    const running = await this.options.conversations.runningTurn(workspaceId, conversationId);
    if (!running) return false;
    await this.options.bus.publish(conversationTopic(conversationId), { type: TURN_STOP, data: { turnId: running.turnId } });
    return true;
  }
}
