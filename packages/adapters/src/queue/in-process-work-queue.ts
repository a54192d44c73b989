import type {
  ConsumeOptions,
  WorkConsumer,
  WorkDelivery,
  WorkHandler,
  WorkJob,
  WorkQueue,
  WorkReservation,
} from '@agent-fleet/core';

export interface InProcessWorkQueueOptions {
  /** Waiting time that raises a job's effective priority by one; `Infinity` turns aging off. Default 10 s. */
  agingMs?: number;
  /** The clock aging reads, in ms. Default `Date.now`. */
  now?: () => number;
}

interface Waiting {
  job: WorkJob;
  attempt: number;
  enqueuedAt: number;
  /** Enqueue order, the last tie-breaker; a redelivered job keeps its own. */
  order: number;
}

interface Consumer {
  kind: string;
  handler: WorkHandler;
  concurrency: number;
  maxAttempts: number;
  onFailed: ConsumeOptions['onFailed'];
  inFlight: number;
  stopped: boolean;
  /** Resolved when a stopped consumer's last handler settles. */
  idle: (() => void)[];
}

type Rank = [number, number, number];

/** Lexicographic: the lower rank is dispatched first. */
const compareRanks = (a: Rank, b: Rank): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The embedded WorkQueue: jobs in this process's memory, picked by a scan at each free slot. See the port for the contract. */
export class InProcessWorkQueue implements WorkQueue {
  private readonly waiting = new Map<string, Waiting>();
  /** Kind → how many of its jobs are waiting (a reservation waits behind them). */
  private readonly waitingOfKind = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly inFlightByKey = new Map<string, number>();
  /** Workspace → the dispatch count when it was last served. */
  private readonly lastServed = new Map<string, number>();
  private readonly consumers = new Set<Consumer>();
  private readonly agingMs: number;
  private readonly now: () => number;
  private dispatches = 0;
  private enqueues = 0;
  private pumpScheduled = false;

  constructor(options: InProcessWorkQueueOptions = {}) {
    this.agingMs = options.agingMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async enqueue(job: WorkJob): Promise<boolean> {
    if (!Number.isInteger(job.priority ?? 0)) throw new RangeError(`job ${job.id}: priority must be an integer`);
    const limit = job.concurrencyLimit ?? 1;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`job ${job.id}: concurrencyLimit must be a positive integer`);
    if (this.waiting.has(job.id) || this.inFlight.has(job.id)) return false;
    this.enqueues += 1;
    this.wait({ job, attempt: 1, enqueuedAt: this.now(), order: this.enqueues });
    this.schedulePump();
    return true;
  }

  reserve(kind: string, job: Pick<WorkJob, 'concurrencyKey' | 'concurrencyLimit'>): WorkReservation | null {
    if ((this.waitingOfKind.get(kind) ?? 0) > 0) return null;
    const key = job.concurrencyKey;
    if (key !== undefined && (this.inFlightByKey.get(key) ?? 0) >= (job.concurrencyLimit ?? 1)) return null;
    const consumer = [...this.consumers].find(
      (candidate) => candidate.kind === kind && candidate.inFlight < candidate.concurrency,
    );
    if (!consumer) return null;
    this.take(consumer, key);
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.give(consumer, key);
      },
    };
  }

  consume(kind: string, handler: WorkHandler, options: ConsumeOptions): WorkConsumer {
    const consumer: Consumer = {
      kind,
      handler,
      concurrency: options.concurrency ?? 1,
      maxAttempts: options.maxAttempts ?? 3,
      onFailed: options.onFailed,
      inFlight: 0,
      stopped: false,
      idle: [],
    };
    this.consumers.add(consumer);
    this.schedulePump();
    return {
      stop: () => {
        consumer.stopped = true;
        this.consumers.delete(consumer);
        if (consumer.inFlight === 0) return Promise.resolve();
        return new Promise((resolve) => consumer.idle.push(resolve));
      },
    };
  }

  /** Dispatches on a microtask, so `enqueue` and a settling handler never run another handler synchronously. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      for (const consumer of this.consumers) {
        while (consumer.inFlight < consumer.concurrency) {
          const next = this.pick(consumer.kind);
          if (!next) break;
          void this.run(consumer, next);
        }
      }
    });
  }

  /** The best job of `kind` whose concurrency key has room: effective priority, then least recently served workspace, then order. */
  private pick(kind: string): Waiting | undefined {
    const now = this.now();
    let best: Waiting | undefined;
    let bestRank: Rank | undefined;
    for (const candidate of this.waiting.values()) {
      const { job } = candidate;
      if (job.kind !== kind) continue;
      if (job.concurrencyKey !== undefined && (this.inFlightByKey.get(job.concurrencyKey) ?? 0) >= (job.concurrencyLimit ?? 1))
        continue;
      const rank: Rank = [
        -((job.priority ?? 0) + Math.floor((now - candidate.enqueuedAt) / this.agingMs)),
        this.lastServed.get(job.workspaceId) ?? -1,
        candidate.order,
      ];
      if (!bestRank || compareRanks(rank, bestRank) < 0) {
        best = candidate;
        bestRank = rank;
      }
    }
    return best;
  }

  private wait(entry: Waiting): void {
    this.waiting.set(entry.job.id, entry);
    this.waitingOfKind.set(entry.job.kind, (this.waitingOfKind.get(entry.job.kind) ?? 0) + 1);
  }

  /** A slot of `consumer` (and of `key`) taken, by a delivery or a reservation. */
  private take(consumer: Consumer, key: string | undefined): void {
    if (key !== undefined) this.inFlightByKey.set(key, (this.inFlightByKey.get(key) ?? 0) + 1);
    consumer.inFlight += 1;
  }

  /** A slot given back: the next job may start, and a stopped consumer may be idle now. */
  private give(consumer: Consumer, key: string | undefined): void {
    if (key !== undefined) {
      const left = (this.inFlightByKey.get(key) ?? 1) - 1;
      if (left === 0) this.inFlightByKey.delete(key);
      else this.inFlightByKey.set(key, left);
    }
    consumer.inFlight -= 1;
    if (consumer.stopped && consumer.inFlight === 0) for (const resolve of consumer.idle.splice(0)) resolve();
    this.schedulePump();
  }

  private async run(consumer: Consumer, entry: Waiting): Promise<void> {
    const { job } = entry;
    const key = job.concurrencyKey;
    this.waiting.delete(job.id);
    this.waitingOfKind.set(job.kind, (this.waitingOfKind.get(job.kind) ?? 1) - 1);
    this.inFlight.add(job.id);
    this.take(consumer, key);
    this.dispatches += 1;
    this.lastServed.set(job.workspaceId, this.dispatches);
    const delivery: WorkDelivery = { job, attempt: entry.attempt };
    let failure: { error: unknown } | undefined;
    try {
      await consumer.handler(delivery);
    } catch (error) {
      failure = { error };
    }
    this.inFlight.delete(job.id);
    if (failure && entry.attempt < consumer.maxAttempts) {
      this.wait({ ...entry, attempt: entry.attempt + 1 });
    } else if (failure) {
      try {
        consumer.onFailed(delivery, failure.error);
      } catch {
        // The hook's own failure must not stall the queue; the run row still records the step.
      }
    }
    this.give(consumer, key);
  }
}
