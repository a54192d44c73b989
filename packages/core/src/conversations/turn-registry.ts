import { AppError } from '../app-error.js';

/**
 * The turns running in this process, one per conversation at most, each with the controller that stops
 * it. Stopping aborts the provider request in flight.
 */
export class TurnRegistry {
  private readonly turns = new Map<string, AbortController>();

  /** Claims the conversation for a new turn; `conversation_busy` (409) when one is running. */
  begin(conversationId: string): AbortController {
    if (this.turns.has(conversationId)) {
      throw new AppError('conversation_busy', 'A reply is still being written in this conversation; wait for it or stop it');
    }
    const controller = new AbortController();
    this.turns.set(conversationId, controller);
    return controller;
  }

  end(conversationId: string, controller: AbortController): void {
    if (this.turns.get(conversationId) === controller) this.turns.delete(conversationId);
  }

  /** Stops the conversation's running turn; false when none runs. */
  abort(conversationId: string): boolean {
    const controller = this.turns.get(conversationId);
    if (!controller) return false;
    controller.abort(new DOMException('Stopped by the user', 'AbortError'));
    return true;
  }

  isBusy(conversationId: string): boolean {
    return this.turns.has(conversationId);
  }
}
