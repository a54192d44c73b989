import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RealtimeServerMessage } from '@agent-fleet/contracts';
import { FsBlobStore, InProcessEventBus, type InProcessEventBusOptions } from '@agent-fleet/adapters';
import { SecretBox } from '@agent-fleet/core';
import type { DatabaseHandle } from '@agent-fleet/db';
import { createTestDatabase } from '@agent-fleet/testing';
import { WebSocket } from 'ws';
import { createHttpServer } from '../http/http-server.js';
import { buildApp, type AppDependencies, type AppEnv } from '../main.js';
import { captureLogs, TEST_ENV, TEST_PASSWORD } from '../test-support.js';
import { createLogger } from '../logger.js';
import type { RealtimeGateway } from './realtime-gateway.js';

export interface Member {
  token: string;
  userId: string;
  workspaceId: string;
}

/** A WebSocket client that keeps every server message and waits for the ones a test expects. */
export class TestSocket {
  readonly messages: RealtimeServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()) as RealtimeServerMessage);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The first message (from the `from`th on) that `match` accepts; fails after `timeoutMs` or on close. */
  next<T extends RealtimeServerMessage>(
    match: (message: RealtimeServerMessage) => message is T,
    from?: number,
    timeoutMs?: number,
  ): Promise<T>;
  next(match: (message: RealtimeServerMessage) => boolean, from?: number, timeoutMs?: number): Promise<RealtimeServerMessage>;
  next(match: (message: RealtimeServerMessage) => boolean, from = 0, timeoutMs = 10_000): Promise<RealtimeServerMessage> {
    return this.until(() => this.messages.slice(from).find(match), timeoutMs, 'message');
  }

  /** Resolves with the close code once the socket has closed. */
  closedWith(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed ?? undefined, timeoutMs, 'close', true);
  }

  close(): void {
    this.ws.terminate();
  }

  private until<T>(found: () => T | undefined, timeoutMs: number, what: string, afterClose = false): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value !== undefined) return finish(() => resolve(value));
        if (this.closed && !afterClose) {
          finish(() =>
            reject(
              new Error(`Socket closed (${this.closed?.code}) while waiting for a ${what}: ${JSON.stringify(this.messages)}`),
            ),
          );
        }
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`No ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface RealtimeTestApp {
  url: string;
  wsUrl: string;
  bus: InProcessEventBus;
  gateway: RealtimeGateway;
  database: DatabaseHandle;
  /** The signing and secrets keys, which servers of one deployment share. */
  keys: { authSecret: Uint8Array; secrets: SecretBox };
  api(token: string, method: string, path: string, body?: unknown, workspaceId?: string): Promise<Response>;
  signupOwner(): Promise<Member>;
  addUser(owner: Member, role: string): Promise<Member>;
  ticket(member: Member): Promise<string>;
  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  connect(query: string, headers?: Record<string, string>): Promise<TestSocket>;
  close(): Promise<void>;
}

let sequence = 0;

/** The real app on a real HTTP server with the gateway attached, on 127.0.0.1 and a fresh database. */
export async function startRealtimeApp(
  options: {
    realtime?: Partial<NonNullable<AppDependencies['realtime']>>;
    bus?: InProcessEventBusOptions;
    /** Another server of the same deployment: its database (left open on close), bus and keys. */
    sharing?: RealtimeTestApp;
    /** Settings over the tests' defaults. */
    env?: Partial<AppEnv>;
  } = {},
): Promise<RealtimeTestApp> {
  const { sharing } = options;
  const database = sharing?.database ?? (await createTestDatabase());
  const blobDir = mkdtempSync(join(tmpdir(), 'af-ws-blobs-'));
  const bus = sharing?.bus ?? new InProcessEventBus(options.bus);
  const keys = sharing?.keys ?? { authSecret: randomBytes(32), secrets: new SecretBox(randomBytes(32)) };
  const { app, engine, fleetDispatcher, realtime } = buildApp({
    database,
    logger: createLogger({ LOG_LEVEL: 'info' }, captureLogs().sink),
    env: { ...TEST_ENV, ...options.env },
    authSecret: keys.authSecret,
    secrets: keys.secrets,
    blobs: new FsBlobStore(blobDir),
    bus,
    realtime: { allowedOrigins: [], ...options.realtime },
  });
  await engine.start();
  await fleetDispatcher.start();
  const server = createHttpServer(app, { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
  realtime.attach(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];

  const api = (token: string, method: string, path: string, body?: unknown, workspaceId?: string) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(workspaceId ? { 'x-workspace-id': workspaceId } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = async <T>(response: Promise<Response>, status: number): Promise<T> => {
    const res = await response;
    if (res.status !== status) throw new Error(`Expected ${status}, got ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const member = async (session: { accessToken: string; user: { id: string } }): Promise<Member> => {
    const me = await json<{ memberships: { workspaceId: string }[] }>(api(session.accessToken, 'GET', '/api/v1/me'), 200);
    return { token: session.accessToken, userId: session.user.id, workspaceId: me.memberships[0]?.workspaceId ?? '' };
  };
  const signup = (body: object) =>
    json<{ accessToken: string; user: { id: string } }>(
      api('', 'POST', '/api/v1/auth/signup', {
        email: `ws${++sequence}@example.test`,
        password: TEST_PASSWORD,
        name: 'W S',
        ...body,
      }),
      201,
    );

  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/api/v1/ws`,
    bus,
    gateway: realtime,
    database,
    keys,
    api,
    signupOwner: async () => member(await signup({})),
    async addUser(owner, role) {
      const invitation = await json<{ token: string }>(api(owner.token, 'POST', '/api/v1/invitations', { role }), 201);
      return member(await signup({ inviteToken: invitation.token }));
    },
    async ticket(who) {
      return (await json<{ ticket: string }>(api(who.token, 'POST', '/api/v1/ws/ticket'), 201)).ticket;
    },
    connect(query, headers = {}) {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/ws${query}`, { headers });
        const socket = new TestSocket(ws);
        ws.once('open', () => {
          sockets.push(socket);
          resolve(socket);
        });
        ws.once('unexpected-response', (_req, res) =>
          reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
        );
        ws.once('error', reject);
      });
    },
    async close() {
      for (const socket of sockets) socket.close();
      realtime.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fleetDispatcher.stop();
      await engine.stop();
      if (!sharing) await database.close();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}
