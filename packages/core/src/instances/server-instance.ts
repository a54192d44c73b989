import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isDeadPeer, type RegisteredProcess } from './liveness.js';

/** A server process as registered in the database (`heartbeatAt`: its own clock when it last said it was alive). */
export type InstanceRecord = RegisteredProcess;

/** The registry of live server processes (`server_instances`): every row is a process that owns work. */
export interface InstanceRepository {
  /** Adds (or renews) the instance's row. */
  register(instance: Omit<InstanceRecord, 'heartbeatAt'>, at: Date): Promise<void>;
  /** Renews the heartbeat; false when the row is gone (another server declared this one dead). */
  heartbeat(id: string, at: Date): Promise<boolean>;
  list(): Promise<InstanceRecord[]>;
  delete(ids: string[]): Promise<void>;
}

export interface ServerInstanceOptions {
  instances: InstanceRepository;
  /** How often the heartbeat is written. Default 5 s. */
  heartbeatMs?: number;
  /** An instance whose heartbeat is older is dead, and what it owned is abandoned. Default 30 s. */
  staleMs?: number;
  /** The clock heartbeats are written and judged by. Default: the system clock. */
  now?: () => Date;
  /** Whether a process of this host is alive. Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  /** Default: the machine's host name and this process's pid. */
  host?: string;
  pid?: number;
  /** Where a failed heartbeat is reported (it is retried at the next beat). Default: nowhere. */
  log?: { error(data: object, message: string): void };
}

/** Defaults of `ServerInstanceOptions`. */
export const INSTANCE_HEARTBEAT_MS = 5_000;
export const INSTANCE_STALE_MS = 30_000;

/**
 * This process as an owner of work. Rows a process is running (agent tasks, chat turn claims, in-flight
 * ledger rows) name its `id`; it stays registered with a heartbeat while it lives. Another instance
 * judges it dead when its heartbeat is older than `staleMs`, or at once when it ran on the same host and
 * its pid is gone (or is this very pid: a container restarted as pid 1), so a restarted single server
 * recovers its own previous life without waiting for the lease to age. Servers' clocks must agree to
 * well within `staleMs`.
 */
export class ServerInstance {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ServerInstanceOptions) {
    this.host = options.host ?? hostname();
    this.pid = options.pid ?? process.pid;
    this.id = `${this.host}:${this.pid}:${randomUUID().slice(0, 8)}`;
    this.heartbeatMs = options.heartbeatMs ?? INSTANCE_HEARTBEAT_MS;
    this.staleMs = options.staleMs ?? INSTANCE_STALE_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Registers this instance; with `heartbeat`, keeps renewing it until `stop`. */
  async start({ heartbeat = true }: { heartbeat?: boolean } = {}): Promise<void> {
    await this.register();
    if (!heartbeat) return;
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) => this.options.log?.error({ err: error }, 'The instance heartbeat failed'));
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** Renews the heartbeat, registering again if another server had declared this one dead. */
  async beat(): Promise<void> {
    if (!(await this.options.instances.heartbeat(this.id, this.now()))) await this.register();
  }

  /** Stops the heartbeat and removes the row: what this process still owned is abandoned at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.options.instances.delete([this.id]);
  }

  /** The other registered instances that are dead. */
  async deadPeers(): Promise<string[]> {
    const now = this.now().getTime();
    return (await this.options.instances.list())
      .filter((peer) => isDeadPeer(peer, this, now, this.staleMs, this.options.isAlive))
      .map((peer) => peer.id);
  }

  private register(): Promise<void> {
    return this.options.instances.register({ id: this.id, host: this.host, pid: this.pid }, this.now());
  }
}
