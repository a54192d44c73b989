import { TURN_DELTA, type ChatEvent, type TurnDelta } from '@agent-fleet/contracts';
import { conversationTopic, type EventBus } from '@agent-fleet/core';
import type { Logger } from 'pino';

export interface TurnDeltaPublisherOptions {
  bus: EventBus;
  log: Logger;
  /** The least time between two `turn.delta` events of one turn. Default 50 ms. */
  intervalMs?: number;
}

/** One turn followed: its events go through `emit`; `end` once the turn is over. */
export interface FollowedTurn {
  emit(event: ChatEvent): void;
  end(): void;
}

/**
 * Publishes a running turn's reply text as `turn.delta` on `conversation:<id>` (docs/realtime.md), so
 * another tab, or anyone watching the conversation, can follow a turn started by the API, the CLI or a
 * browser. The text is coalesced: the first delta goes at once, then at most one event per `intervalMs`
 * carries what came meanwhile, so a fast model does not flood the bus. Any other event of the turn (a tool
 * call, its end) first flushes the text before it, so the topic keeps the turn's order. The caller's own
 * stream (SSE) gets every event unchanged and undelayed.
 */
export class TurnDeltaPublisher {
  private readonly intervalMs: number;

  constructor(private readonly options: TurnDeltaPublisherOptions) {
    this.intervalMs = options.intervalMs ?? 50;
  }

  follow(conversationId: string, emit: (event: ChatEvent) => void): FollowedTurn {
    const topic = conversationTopic(conversationId);
    let taskId: string | null = null;
    let offset = 0;
    let pending = '';
    let lastAt = -Infinity;
    let timer: NodeJS.Timeout | null = null;

    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (pending === '' || taskId === null) return;
      const data: TurnDelta = { taskId, offset, text: pending };
      offset += pending.length;
      pending = '';
      lastAt = performance.now();
      // The bus numbers events in the order they are published; watchers only miss text if this fails.
      this.options.bus
        .publish(topic, { type: TURN_DELTA, data })
        .catch((error: unknown) => this.options.log.warn({ err: error, topic }, 'A turn delta could not be published'));
    };

    return {
      emit: (event) => {
        if (event.type === 'turn.started') taskId = event.taskId;
        if (event.type === 'text.delta') {
          pending += event.delta;
          timer ??= setTimeout(flush, Math.max(0, lastAt + this.intervalMs - performance.now()));
        } else {
          flush();
        }
        emit(event);
      },
      end: flush,
    };
  }
}
