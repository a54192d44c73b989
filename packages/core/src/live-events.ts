import type { LiveEventData, LiveEventType } from '@agent-fleet/contracts';
import type { EventBus } from './ports/event-bus.js';

/**
 * The topic besides `workspace:<id>` an event also goes to: the resource it names (docs/realtime.md,
 * "Events"). Usage goes to `metrics:<workspaceId>` for pages that watch only spending.
 */
function resourceTopic(workspaceId: string, type: LiveEventType, data: LiveEventData[LiveEventType]): string | null {
  if (type.startsWith('agent.') && 'agentId' in data) return `agent:${data.agentId}`;
  if (type.startsWith('fleet.') && 'fleetId' in data) return `fleet:${data.fleetId}`;
  if (type.startsWith('conversation.') && 'conversationId' in data) return `conversation:${data.conversationId}`;
  if (type === 'usage.recorded') return `metrics:${workspaceId}`;
  return null;
}

/**
 * How services tell live views what changed: one call after the change has committed (never inside the
 * transaction, so nobody is told of a write that rolls back). The events say what changed, by id
 * (contracts `LiveEventData`); clients read the state over REST. A notice the bus cannot take is lost,
 * not an error: the write stands, and a client that missed it refetches on `reset`.
 */
export class LiveEvents {
  /** `bus` absent: nobody listens (tests, commands); every announcement is a no-op. */
  constructor(private readonly bus?: EventBus) {}

  async announce<T extends LiveEventType>(workspaceId: string, type: T, data: LiveEventData[T]): Promise<void> {
    const { bus } = this;
    if (!bus) return;
    const event = { type, data };
    const topic = resourceTopic(workspaceId, type, data);
    try {
      await Promise.all([bus.publish(`workspace:${workspaceId}`, event), ...(topic === null ? [] : [bus.publish(topic, event)])]);
    } catch {
      // Only live views miss it; they refetch on reconnect.
    }
  }
}

/** For services built without a bus. */
export const SILENT_LIVE_EVENTS = new LiveEvents();
