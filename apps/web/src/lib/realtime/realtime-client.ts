import type { RealtimeClientMessage, RealtimeServerMessage, TopicHead } from '@agent-fleet/contracts';

/** One event as a page sees it (the server's `event` message). */
export interface LiveEvent {
  topic: string;
  seq: number;
  /** e.g. `agent.observed`, `run.changed`, `turn.started` (docs/realtime.md lists them). */
  eventType: string;
  ts: string;
  data: unknown;
}

/**
 * `connecting` before the first connection opens; `connected` while a socket is open; `reconnecting`
 * between a lost connection and the next; `offline` when the browser is offline or the server refused
 * the workspace (4403), until something changes.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What the client needs of a WebSocket; the browser's satisfies it, tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface TopicListener {
  event(event: LiveEvent): void;
  /** The topic's missed events could not be replayed: what was read over REST may be stale. */
  reset(topic: string): void;
}

export interface RealtimeClientOptions {
  /** A fresh single-use ticket (`POST /api/v1/ws/ticket`). */
  ticket: () => Promise<string>;
  /** The socket's URL for a ticket. */
  url: (ticket: string) => string;
  /** Opens a socket. Default: the browser's WebSocket. */
  open?: (url: string) => SocketLike;
  /** First reconnect delay, doubled per failure up to `maxDelayMs`, with jitter. Default 500 ms. */
  initialDelayMs?: number;
  /** Longest reconnect delay. Default 15000 ms. */
  maxDelayMs?: number;
  /** 0..1 for the jitter. Default Math.random. */
  random?: () => number;
  /** Told when the server ends the connection's workspace access (4403). Default: nothing. */
  onForbidden?: () => void;
}

/** Close codes the server sends (REALTIME_CLOSE in contracts; repeated here so the bundle needs no zod). */
const UNAUTHENTICATED = 4401;
const FORBIDDEN = 4403;
const OPEN = 1;

interface TopicState {
  listeners: Set<TopicListener>;
  /** The last seq applied, in `epoch`; undefined before the first `subscribed`. */
  since: number | undefined;
  epoch: string | undefined;
}

/**
 * The browser's one WebSocket to the gateway (docs/realtime.md, "Client"). It subscribes each topic that
 * has listeners, keeps the last `seq` and epoch per topic, and after a lost connection reconnects with a
 * new ticket and backoff, resubscribing with `since` so each event is delivered exactly once, in order.
 * Duplicates (a replay overlapping what was applied) are dropped by `seq`; on `reset` listeners are told
 * to refetch.
 */
export class RealtimeClient {
  private readonly topics = new Map<string, TopicState>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private running = false;
  private currentStatus: ConnectionStatus = 'connecting';

  constructor(private readonly options: RealtimeClientOptions) {}

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Connects, and keeps connecting until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    void this.connect();
  }

  /** Closes the socket and stops reconnecting; topics and their positions are kept for a later `start`. */
  stop(): void {
    this.running = false;
    this.clearTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'Client stopped');
    }
    this.setStatus('offline');
  }

  /** Connects now rather than after the backoff, e.g. when the browser comes back online. */
  retryNow(): void {
    if (!this.running || this.socket) return;
    this.clearTimer();
    void this.connect();
  }

  /**
   * Listens to `topic`, subscribing it when it is the first listener; the returned function stops
   * listening and unsubscribes it after the last.
   */
  subscribe(topic: string, listener: TopicListener): () => void {
    let state = this.topics.get(topic);
    if (!state) {
      state = { listeners: new Set(), since: undefined, epoch: undefined };
      this.topics.set(topic, state);
      this.send({ type: 'subscribe', topic });
    }
    state.listeners.add(listener);
    return () => {
      const current = this.topics.get(topic);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      this.topics.delete(topic);
      this.send({ type: 'unsubscribe', topic });
    };
  }

  private async connect(): Promise<void> {
    let ticket: string;
    try {
      ticket = await this.options.ticket();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (!this.running) return;
    const socket = (this.options.open ?? ((url) => new WebSocket(url) as unknown as SocketLike))(this.options.url(ticket));
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.setStatus('connected');
      for (const [topic, state] of this.topics) this.send(resume(topic, state));
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let parsed: RealtimeServerMessage;
      try {
        parsed = JSON.parse(message.data) as RealtimeServerMessage;
      } catch {
        return;
      }
      this.receive(parsed);
    };
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.running) return;
      if (event.code === FORBIDDEN) {
        this.running = false;
        this.setStatus('offline');
        this.options.onForbidden?.();
        return;
      }
      // An expired credential needs only a new ticket (which renews the token): no reason to wait.
      if (event.code === UNAUTHENTICATED && this.failures === 0) {
        this.failures = 1;
        this.setStatus('reconnecting');
        void this.connect();
        return;
      }
      this.scheduleReconnect();
    };
  }

  private receive(message: RealtimeServerMessage): void {
    if (message.type === 'pong' || message.type === 'unsubscribed') return;
    if (message.type === 'error') {
      // The topic stopped (refused, or access to it lost); it is subscribed again on the next connection.
      return;
    }
    const state = this.topics.get(message.topic);
    if (!state) return;
    if (message.type === 'subscribed') {
      adoptHead(state, message.head, message.replayed);
      return;
    }
    if (message.type === 'reset') {
      state.epoch = message.head.epoch;
      state.since = message.head.seq;
      for (const listener of [...state.listeners]) listener.reset(message.topic);
      return;
    }
    // Replayed events overlapping what was applied (and anything out of order) are dropped by seq.
    if (state.since !== undefined && message.seq <= state.since) return;
    state.since = message.seq;
    const event: LiveEvent = {
      topic: message.topic,
      seq: message.seq,
      eventType: message.eventType,
      ts: message.ts,
      data: message.data,
    };
    for (const listener of [...state.listeners]) listener.event(event);
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.setStatus(typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'reconnecting');
    const { initialDelayMs = 500, maxDelayMs = 15_000, random = Math.random } = this.options;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** this.failures);
    this.failures += 1;
    // Half fixed, half random, so tabs that lost the same server do not all come back at once.
    const delay = base / 2 + (base / 2) * random();
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private send(message: RealtimeClientMessage): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

/** A topic's subscribe message, resuming after its last applied event when it has one. */
function resume(topic: string, state: TopicState): RealtimeClientMessage {
  if (state.since === undefined || state.epoch === undefined) return { type: 'subscribe', topic };
  return { type: 'subscribe', topic, since: state.since, epoch: state.epoch };
}

/**
 * On `subscribed`: the `replayed` events up to `head.seq` follow, so a new topic's position is
 * `head.seq - replayed` (a `run:` topic without `since` replays its whole log). A resumed topic keeps its
 * own position; when its epoch is gone, the `reset` that follows sets both.
 */
function adoptHead(state: TopicState, head: TopicHead, replayed: number): void {
  if (state.since === undefined) state.since = Math.max(0, head.seq - replayed);
  state.epoch ??= head.epoch;
}
