import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { REALTIME_CLOSE, REALTIME_PATH, WORKSPACE_HEADER } from '@agent-fleet/contracts';
import { AppError, type AccessService } from '@agent-fleet/core';
import { WebSocketServer } from 'ws';
import { Connection, type ConnectionDependencies, type ConnectionIdentity } from './connection.js';
import { originAllowed } from './origin.js';
import type { TicketStore } from './ticket-store.js';

export interface RealtimeGatewayOptions extends Omit<ConnectionDependencies, 'maxBufferedBytes' | 'maxTopics'> {
  access: AccessService;
  tickets: TicketStore;
  /** Origins besides the server's own that may connect (`WS_ALLOWED_ORIGINS`), e.g. `https://app.example.com`. */
  allowedOrigins: readonly string[];
  /** How often every client is pinged; one that missed the last ping is terminated. Default 30000 ms. */
  pingIntervalMs?: number;
  /** How often each connection's credential and topics are checked again. Default 5000 ms (the access cache's TTL). */
  recheckIntervalMs?: number;
  /** Bytes queued to one client beyond which it is dropped (TOO_SLOW). Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Topics per connection. Default 100. */
  maxTopics?: number;
  /** Largest client message, in bytes. Default 16 KiB. */
  maxMessageBytes?: number;
}

/** Connections re-checked together before the sweep lets I/O (and event sends) through. */
const RECHECK_BATCH = 50;

/** Answers an upgrade that is refused, before any WebSocket exists, as problem+json. */
function refuse(socket: Duplex, status: 401 | 403 | 404, detail: string): void {
  const titles = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;
  const body = JSON.stringify({ type: 'about:blank', title: titles[status], status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${titles[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The WebSocket gateway at `/api/v1/ws` on the API's HTTP server (docs/realtime.md). An upgrade is
 * authenticated before it is accepted: a ticket (`?ticket=`, from `POST /api/v1/ws/ticket`) or an
 * `Authorization: Bearer` credential, from an allowed Origin; anything else is answered 401/403 and
 * never becomes a socket.
 */
export class RealtimeGateway {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly deps: ConnectionDependencies;
  /** A re-check sweep is under way. */
  private rechecking = false;

  constructor(private readonly options: RealtimeGatewayOptions) {
    // No per-message compression (ws's default, said here): a fan-out sends one encoded Buffer to every
    // client as is, where compression would deflate it once per client.
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: options.maxMessageBytes ?? 16 * 1024,
    });
    this.deps = {
      access: options.access,
      bus: options.bus,
      resources: options.resources,
      runLog: options.runLog,
      log: options.log,
      ...(options.metrics ? { metrics: options.metrics } : {}),
      maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
      maxTopics: options.maxTopics ?? 100,
    };
  }

  /** Open connections. */
  get size(): number {
    return this.connections.size;
  }

  /** Takes over `server`'s upgrades to REALTIME_PATH and starts the ping and re-check timers. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      this.upgrade(req, socket, head).catch((error: unknown) => {
        this.options.log.error({ err: error }, 'A WebSocket upgrade failed');
        socket.destroy();
      });
    });
    const ping = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, this.options.pingIntervalMs ?? 30_000);
    const recheck = setInterval(() => void this.recheckAll(), this.options.recheckIntervalMs ?? 5_000);
    ping.unref();
    recheck.unref();
    this.timers.push(ping, recheck);
  }

  /**
   * Re-checks every connection, `RECHECK_BATCH` at a time with I/O between batches: a thousand re-checks
   * started at once would hold the event loop, and every event waiting to be sent, for tens of
   * milliseconds each interval. A sweep still under way when the next is due lets it pass.
   */
  private async recheckAll(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      const all = [...this.connections];
      for (let from = 0; from < all.length; from += RECHECK_BATCH) {
        await Promise.all(
          all
            .slice(from, from + RECHECK_BATCH)
            .map((connection) =>
              connection
                .recheck()
                .catch((error: unknown) => this.options.log.error({ err: error }, 'Re-checking a WebSocket’s access failed')),
            ),
        );
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.rechecking = false;
    }
  }

  /** Closes every connection (GOING_AWAY) and stops the timers. */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const connection of [...this.connections]) connection.close(REALTIME_CLOSE.GOING_AWAY, 'The server is shutting down');
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== REALTIME_PATH) return refuse(socket, 404, `Nothing accepts WebSockets at ${url.pathname}`);
    if (!originAllowed(req.headers.origin, req.headers.host, this.options.allowedOrigins)) {
      return refuse(socket, 403, 'This Origin may not open a WebSocket; add it to WS_ALLOWED_ORIGINS');
    }
    let identity: ConnectionIdentity;
    try {
      identity = await this.identify(req, url);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return refuse(socket, error.code === 'unauthorized' ? 401 : 403, error.message);
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, identity, this.deps, () => this.connections.delete(connection));
      this.connections.add(connection);
    });
  }

  private async identify(req: IncomingMessage, url: URL): Promise<ConnectionIdentity> {
    const { access, tickets } = this.options;
    const ticket = url.searchParams.get('ticket');
    if (ticket !== null) {
      const grant = await tickets.redeem(ticket);
      if (!grant) throw new AppError('unauthorized', 'The ticket is unknown, used or expired; ask for a new one');
      // The ticket's workspace as of now, not as of when it was issued.
      const current = await access.resolveWorkspace(grant.principal, grant.workspaceId);
      return { principal: grant.principal, authorization: grant.authorization, access: current };
    }
    const authorization = req.headers.authorization ?? '';
    const principal = await access.authenticate(authorization);
    const requested = req.headers[WORKSPACE_HEADER.toLowerCase()];
    const workspaceId = typeof requested === 'string' && requested !== '' ? requested : undefined;
    return { principal, authorization, access: await access.resolveWorkspace(principal, workspaceId) };
  }
}
