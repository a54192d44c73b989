import {
  REALTIME_CLOSE,
  RealtimeClientMessageSchema,
  type Permission,
  type RealtimeClientMessage,
  type RealtimeServerMessage,
} from '@agent-fleet/contracts';
import {
  AppError,
  type AccessService,
  type EventBus,
  type OperationalMetrics,
  type Principal,
  type WorkspaceAccess,
} from '@agent-fleet/core';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { openRunLogFeed, type RunLogReader } from './run-log-feed.js';
import { checkTopic, eventPermission, parseTopic, TopicRefusal, type TopicResources } from './topic-access.js';
import { openBusFeed, type FeedEvent, type FeedSink, type TopicFeed } from './topic-feed.js';

export interface ConnectionDependencies {
  access: AccessService;
  bus: EventBus;
  resources: TopicResources;
  /** A run's log after a `seq`, for `run:` topics. */
  runLog(workspaceId: string, runId: string): RunLogReader;
  /** Bytes queued to the client beyond which it is dropped with TOO_SLOW. */
  maxBufferedBytes: number;
  /** Topics one connection may hold. */
  maxTopics: number;
  log: Logger;
  /** Counts clients dropped as too slow. Default: not counted. */
  metrics?: Pick<OperationalMetrics, 'wsDropped'>;
}

/** Who is connected, to which workspace, and the credential that is re-checked while they are. */
export interface ConnectionIdentity {
  principal: Principal;
  /** The `Authorization` value behind the connection (the ticket's, or the upgrade request's). */
  authorization: string;
  access: WorkspaceAccess;
}

/**
 * An event as sent: its envelope, serialised and UTF-8 encoded, and the permission a `workspace:` topic's
 * subscriber needs for it. Worked out once per event, not once per client, and kept while the event is
 * (the bus hands every subscriber the same event): a fan-out does no per-client work but the check and
 * the send (`ws` sends a Buffer as is; a server never masks, so one Buffer serves every socket).
 */
interface Outgoing {
  bytes: Buffer;
  permission: Permission | null;
}
const outgoing = new WeakMap<FeedEvent, Outgoing>();

function outgoingOf(topic: string, event: FeedEvent): Outgoing {
  let known = outgoing.get(event);
  if (known === undefined) {
    const { seq, type, ts, data } = event;
    const envelope: RealtimeServerMessage = { type: 'event', topic, seq, eventType: type, ts, data };
    known = { bytes: Buffer.from(JSON.stringify(envelope)), permission: eventPermission(type) };
    outgoing.set(event, known);
  }
  return known;
}

/** How every message goes out: a text frame, never compressed (the server offers no compression). */
const TEXT_FRAME = { binary: false, compress: false } as const;

interface Opening {
  opening: true;
}
const isOpening = (feed: TopicFeed | Opening): feed is Opening => 'opening' in feed;

const refusalOf = (error: unknown): { code: number; message: string } | null => {
  if (error instanceof TopicRefusal) return { code: error.code, message: error.message };
  if (error instanceof AppError && error.code === 'not_found') return { code: REALTIME_CLOSE.NOT_FOUND, message: error.message };
  return null;
};

/**
 * One client's socket: its topics and their feeds. Every send checks how far the client is behind; past
 * `maxBufferedBytes` the socket is closed with TOO_SLOW and its feeds stop, which touches no other client.
 */
export class Connection {
  /** Each topic's feed, or the marker of the subscribe that is opening it (a newer one replaces it). */
  private readonly feeds = new Map<string, TopicFeed | Opening>();
  /** A re-check is under way; the timer's next tick skips this connection rather than run a second. */
  private rechecking = false;
  private alive = true;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private identity: ConnectionIdentity,
    private readonly deps: ConnectionDependencies,
    /** Called once when the connection stops serving (closed, dropped or terminated). */
    private readonly onStop: () => void,
  ) {
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return this.send({ type: 'error', code: REALTIME_CLOSE.BAD_MESSAGE, message: 'Send text frames' });
      this.receive(raw.toString());
    });
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.stop());
    socket.on('error', () => this.stop());
  }

  get workspaceId(): string {
    return this.identity.access.workspaceId;
  }

  /** Pings the client; one that did not answer the last ping is terminated. */
  heartbeat(): void {
    if (!this.alive) {
      this.stop();
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  /**
   * Checks again that the credential is valid and the principal may still read each topic: an expired or
   * revoked credential closes the socket with UNAUTHENTICATED, a lost membership with FORBIDDEN, a topic
   * the (lowered) role may no longer read ends with an `error` FORBIDDEN.
   */
  async recheck(): Promise<void> {
    if (this.rechecking || this.closed) return;
    this.rechecking = true;
    try {
      await this.checkAccess();
    } finally {
      this.rechecking = false;
    }
  }

  private async checkAccess(): Promise<void> {
    const { access } = this.deps;
    let current: WorkspaceAccess;
    try {
      const principal = await access.authenticate(this.identity.authorization);
      current = await access.resolveWorkspace(principal, this.workspaceId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'unauthorized')
        return this.close(REALTIME_CLOSE.UNAUTHENTICATED, 'The credential has expired or was revoked');
      return this.close(REALTIME_CLOSE.FORBIDDEN, 'You no longer have access to this workspace');
    }
    this.identity = { ...this.identity, access: current };
    for (const topic of [...this.feeds.keys()]) {
      try {
        await checkTopic(this.deps.resources, current, topic, { existence: false });
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        this.endTopic(topic);
        this.send({ type: 'error', topic, ...refusal });
      }
    }
  }

  /** Closes the socket with `code` and stops every feed. */
  close(code: number, reason: string): void {
    if (code === REALTIME_CLOSE.TOO_SLOW && !this.closed) this.deps.metrics?.wsDropped();
    this.stop();
    this.socket.close(code, reason);
  }

  private receive(text: string): void {
    let message: RealtimeClientMessage;
    try {
      message = RealtimeClientMessageSchema.parse(JSON.parse(text));
    } catch {
      return this.send({
        type: 'error',
        code: REALTIME_CLOSE.BAD_MESSAGE,
        message: 'Not a valid message (see docs/realtime.md)',
      });
    }
    if (message.type === 'ping') return this.send({ type: 'pong', ...(message.id === undefined ? {} : { id: message.id }) });
    if (message.type === 'unsubscribe') {
      this.endTopic(message.topic);
      return this.send({ type: 'unsubscribed', topic: message.topic });
    }
    const opening: Opening = { opening: true };
    this.subscribe(message, opening).catch((error: unknown) => {
      this.deps.log.error({ err: error, topic: message.topic }, 'Subscribing a WebSocket topic failed');
      if (this.feeds.get(message.topic) === opening) this.feeds.delete(message.topic);
      this.send({
        type: 'error',
        topic: message.topic,
        code: REALTIME_CLOSE.INTERNAL,
        message: 'The topic could not be opened; try again',
      });
    });
  }

  private async subscribe(
    { topic, since, epoch }: Extract<RealtimeClientMessage, { type: 'subscribe' }>,
    opening: Opening,
  ): Promise<void> {
    // Subscribing again restarts the topic from the given `since`.
    this.endTopic(topic);
    if (this.feeds.size >= this.deps.maxTopics) {
      return this.send({
        type: 'error',
        topic,
        code: REALTIME_CLOSE.TOO_MANY_TOPICS,
        message: `At most ${this.deps.maxTopics} topics per connection`,
      });
    }
    this.feeds.set(topic, opening);
    const access = this.identity.access;
    try {
      await checkTopic(this.deps.resources, access, topic, { existence: true });
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      if (this.feeds.get(topic) === opening) this.feeds.delete(topic);
      return this.send({ type: 'error', topic, ...refusal });
    }
    const { kind, id } = parseTopic(topic);
    const sink = this.sinkFor(topic, kind === 'workspace');
    const feed =
      kind === 'run'
        ? await openRunLogFeed(this.deps.bus, topic, this.deps.runLog(access.workspaceId, id), since, sink, (error) =>
            this.deps.log.error({ err: error, topic }, 'Reading a run log for a WebSocket failed'),
          )
        : await openBusFeed(
            this.deps.bus,
            topic,
            { ...(since === undefined ? {} : { since }), ...(epoch === undefined ? {} : { epoch }) },
            sink,
          );
    // Unsubscribed, resubscribed or disconnected meanwhile.
    if (this.closed || this.feeds.get(topic) !== opening) return feed.close();
    this.feeds.set(topic, feed);
    this.send({ type: 'subscribed', topic, head: feed.head, replayed: feed.replayed });
    feed.start();
  }

  private sinkFor(topic: string, filtered: boolean): FeedSink {
    return {
      event: (event) => {
        const { bytes, permission } = outgoingOf(topic, event);
        if (filtered && permission && !this.identity.access.permissions.has(permission)) return;
        this.sendText(bytes);
      },
      reset: (head) => this.send({ type: 'reset', topic, head }),
      overrun: () => this.close(REALTIME_CLOSE.TOO_SLOW, 'The client fell too far behind; reconnect with since'),
    };
  }

  private endTopic(topic: string): void {
    const feed = this.feeds.get(topic);
    this.feeds.delete(topic);
    if (feed && !isOpening(feed)) feed.close();
  }

  private send(message: RealtimeServerMessage): void {
    this.sendText(JSON.stringify(message));
  }

  /** Sends a text frame: a string, or its UTF-8 bytes. */
  private sendText(text: string | Buffer): void {
    if (this.closed) return;
    this.socket.send(text, TEXT_FRAME);
    if (this.socket.bufferedAmount > this.deps.maxBufferedBytes) {
      this.close(REALTIME_CLOSE.TOO_SLOW, 'The client fell more than 1 MiB behind; reconnect with since');
    }
  }

  private stop(): void {
    if (this.closed) return;
    this.closed = true;
    for (const feed of this.feeds.values()) if (!isOpening(feed)) feed.close();
    this.feeds.clear();
    this.onStop();
  }
}
