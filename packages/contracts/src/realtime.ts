import { z } from 'zod';
import type { AgentAdminState, AgentObservedState } from './agents.js';
import type { FleetTaskStatus } from './fleets/task.js';

/** Where the WebSocket gateway listens (on the API's HTTP server), and where a browser gets its ticket. */
export const REALTIME_PATH = '/api/v1/ws';
export const REALTIME_TICKET_PATH = '/api/v1/ws/ticket';

/**
 * WebSocket close codes the gateway sends, and the `code` of an `error` message that ends one topic.
 * 4xxx mirror HTTP statuses so a client can treat them alike.
 */
export const REALTIME_CLOSE = {
  /** The server is shutting down; reconnect (with `since`) later. */
  GOING_AWAY: 1001,
  /** A message that is not a valid client envelope. */
  BAD_MESSAGE: 4400,
  /** The credential behind the connection expired or was revoked: get a new ticket and reconnect. */
  UNAUTHENTICATED: 4401,
  /** The principal lost access to the connection's workspace (or, on a topic's `error`, to that topic). */
  FORBIDDEN: 4403,
  /** `error` only: the topic names nothing this workspace holds (or of another workspace). */
  NOT_FOUND: 4404,
  /** The client fell more than the send limit (1 MiB) behind; reconnect with `since`. */
  TOO_SLOW: 4408,
  /** `error` only: too many topics on one connection. */
  TOO_MANY_TOPICS: 4429,
  /** `error` only: the topic could not be opened (the server logged why); subscribe again later. */
  INTERNAL: 1011,
} as const;
export type RealtimeCloseCode = (typeof REALTIME_CLOSE)[keyof typeof REALTIME_CLOSE];

/** The kinds of topic; each maps to a workspace, a resource and a read permission (see docs/realtime.md). */
export const TOPIC_KINDS = ['workspace', 'agent', 'fleet', 'run', 'conversation', 'metrics'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** `kind:id`, e.g. `run:6f1c…`; `workspace:` and `metrics:` take the workspace's id. */
export const TopicSchema = z
  .string()
  .max(200)
  .regex(/^(workspace|agent|fleet|run|conversation|metrics):[A-Za-z0-9_-]{1,100}$/, 'Expected kind:id, e.g. run:<id>');
export type Topic = z.infer<typeof TopicSchema>;

/** A topic's numbering lives as long as its epoch; `since` from another epoch is answered with `reset`. */
export const TopicHeadSchema = z.object({ epoch: z.string(), seq: z.number().int().min(0) });
export type TopicHead = z.infer<typeof TopicHeadSchema>;

const Seq = z.number().int().min(0);

/** What a client sends. */
export const RealtimeClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    topic: TopicSchema,
    /** The last `seq` received on this topic; events after it are replayed. Absent: live events only (runs: the whole log). */
    since: Seq.optional(),
    /** The epoch `since` belongs to (from `subscribed.head` or `reset.head`). */
    epoch: z.string().max(100).optional(),
  }),
  z.strictObject({ type: z.literal('unsubscribe'), topic: TopicSchema }),
  z.strictObject({ type: z.literal('ping'), id: z.string().max(100).optional() }),
]);
export type RealtimeClientMessage = z.infer<typeof RealtimeClientMessageSchema>;

/** What the server sends. */
export const RealtimeServerMessageSchema = z.discriminatedUnion('type', [
  /** The topic is live; `replayed` events after `since` follow, then live ones. */
  z.object({ type: z.literal('subscribed'), topic: TopicSchema, head: TopicHeadSchema, replayed: z.number().int().min(0) }),
  z.object({
    type: z.literal('event'),
    topic: TopicSchema,
    seq: Seq,
    /** e.g. `run.event`, `agent.updated`, `turn.started`. */
    eventType: z.string(),
    ts: z.string(),
    data: z.unknown(),
  }),
  /** The missed events cannot be replayed: refetch over REST, then apply the events after `head.seq` that follow. */
  z.object({ type: z.literal('reset'), topic: TopicSchema, head: TopicHeadSchema }),
  z.object({ type: z.literal('unsubscribed'), topic: TopicSchema }),
  z.object({ type: z.literal('pong'), id: z.string().optional() }),
  /** With a topic: that topic is not (or no longer) subscribed. `code` is one of REALTIME_CLOSE. */
  z.object({ type: z.literal('error'), topic: TopicSchema.optional(), code: z.number().int(), message: z.string() }),
]);
export type RealtimeServerMessage = z.infer<typeof RealtimeServerMessageSchema>;

/** A running turn's reply text, published on `conversation:<id>` so that every watcher can follow it. */
export const TURN_DELTA = 'turn.delta';

/**
 * The `data` of `turn.delta`: the reply's text from `offset` on, a few tokens at a time (at most one
 * event per ~50 ms per turn). A turn's deltas, concatenated from offset 0, are its stored reply's
 * `content`; the stored message carries the same `taskId`. A watcher that joined mid-turn sees a first
 * `offset` above 0: the text before it was missed (it is in the stored reply once the turn ends).
 */
export const TurnDeltaSchema = z.object({
  /** The turn's task, as the stored reply's `taskId` will be. */
  taskId: z.uuid(),
  /** Characters (UTF-16 code units, JavaScript's `length`) of the reply before `text`. */
  offset: z.number().int().min(0),
  text: z.string(),
});
export type TurnDelta = z.infer<typeof TurnDeltaSchema>;

/** `POST /api/v1/ws/ticket`'s reply: connect to `/api/v1/ws?ticket=…` before `expiresAt`; usable once. */
export const WsTicketSchema = z.object({ ticket: z.string(), expiresAt: z.iso.datetime() }).meta({ id: 'WsTicket' });
export type WsTicket = z.infer<typeof WsTicketSchema>;

/**
 * The `data` of each event the services publish for live views, by `eventType` (docs/realtime.md, "Events").
 * Events say what changed, by id; the state itself is read over REST (except the small states a badge
 * shows, which ride along). Each goes to `workspace:<id>` and to the topic of the resource it names.
 */
export interface LiveEventData {
  /** An agent's admin state changed (also on `agent:<id>`). */
  'agent.state': { agentId: string; adminState: AgentAdminState };
  /** An agent's observed state changed, as derived after a task of it started or ended (also on `agent:<id>`). */
  'agent.observed': { agentId: string; observedState: AgentObservedState };
  'agent.created': { agentId: string };
  'agent.updated': { agentId: string; version: number };
  'agent.deleted': { agentId: string };
  /** A fleet's settings or admin state (also on `fleet:<id>`). */
  'fleet.created': { fleetId: string };
  'fleet.updated': { fleetId: string };
  'fleet.deleted': { fleetId: string };
  /** A member was added, changed or removed (also on `fleet:<id>`). */
  'fleet.members': { fleetId: string; agentId: string };
  /** A fleet task was queued, placed, requeued or finished (also on `fleet:<id>`). */
  'fleet.task': { fleetId: string; taskId: string; status: FleetTaskStatus; agentIds: string[] };
  /** A conversation was created, renamed, changed or deleted. */
  'conversation.changed': { conversationId: string; agentId: string; change: 'created' | 'updated' | 'deleted' };
  /** One LLM call was appended to the usage ledger (also on `metrics:<workspaceId>`). */
  'usage.recorded': { agentId: string | null; runId: string | null; provider: string; model: string };
  /** A run wrote events to its log (it was created, moved, or a step did): `seq` is the log's last. */
  'run.changed': { runId: string; seq: number };
}
export type LiveEventType = keyof LiveEventData;
