/**
 * Transport for ready work: the pipeline engine enqueues a job once the transaction that made it ready
 * has committed, and a consumer runs it. The database stays the source of truth — a job carries ids,
 * never state, and the consumer claims its row idempotently (`UPDATE … WHERE status = 'queued'`) — so an
 * adapter may deliver a job more than once, and a job the transport loses is re-sent by a sweeper that
 * re-reads the rows. Two adapters implement it (in-process now, BullMQ later) and one contract suite
 * (`@agent-fleet/testing`) checks both.
 *
 * Order of delivery, for one kind:
 * 1. **effective priority**, highest first: `priority + floor(waited / agingMs)`, so a low-priority job
 *    that has waited long enough overtakes newer urgent ones (no starvation);
 * 2. then the **workspace served least recently**, so one workspace flooding the queue cannot starve
 *    another at the same effective priority (and aging bounds the wait across priorities);
 * 3. then enqueue order.
 *
 * A job with a `concurrencyKey` is held back while `concurrencyLimit` jobs of that key are in flight,
 * whatever their kind or consumer; others overtake it meanwhile.
 *
 * A handler that throws does not lose its job: it is delivered again (with `attempt` + 1) until
 * `maxAttempts` deliveries have failed, and then handed to `onFailed` and dropped from the transport —
 * the run row still says what happened, so the engine marks the step failed there.
 */
export interface WorkQueue {
  /**
   * Adds a job. Idempotent by `id`: a job whose id is already pending or in flight is ignored
   * (`false`); once it has finished, the same id may be enqueued again. Rejects with a `RangeError`, and
   * enqueues nothing, when `priority` is not an integer or `concurrencyLimit` not a positive integer.
   */
  enqueue(job: WorkJob): Promise<boolean>;
  /** Runs `handler` for jobs of `kind`, at most `options.concurrency` at a time, until stopped. */
  consume(kind: string, handler: WorkHandler, options: ConsumeOptions): WorkConsumer;
  /**
   * Takes a free slot of this process's consumer of `kind` (and of `concurrencyKey`, as a job would) for
   * work the caller runs itself, without a trip through the transport: the pipeline engine starts a step
   * in the transaction that made it ready. Null, and nothing taken, when no local consumer of `kind` has a
   * free slot, the key is full, or a job of `kind` is waiting (it goes first: a reservation never
   * overtakes the delivery order). Optional: an adapter without it sends everything through the transport.
   */
  reserve?(kind: string, job: Pick<WorkJob, 'concurrencyKey' | 'concurrencyLimit'>): WorkReservation | null;
}

/** A consumer slot taken by `WorkQueue.reserve`, held until released (once; a second release does nothing). */
export interface WorkReservation {
  release(): void;
}

export interface WorkJob {
  /** Unique while pending or in flight, e.g. the step run's id (plus its attempt). */
  id: string;
  /** Which consumers take it, e.g. `step`. */
  kind: string;
  workspaceId: string;
  /** Integer; higher runs first. Default 0. */
  priority?: number;
  /** Jobs sharing a key are limited to `concurrencyLimit` in flight together. */
  concurrencyKey?: string;
  /** Positive integer, read from the job waiting to start. Default 1. */
  concurrencyLimit?: number;
  /** Ids for the consumer to look up, never state; must survive JSON. */
  payload: unknown;
}

export interface WorkDelivery {
  job: WorkJob;
  /** 1 on the first delivery, counting deliveries whose handler threw. */
  attempt: number;
}

export type WorkHandler = (delivery: WorkDelivery) => Promise<void>;

export interface ConsumeOptions {
  /** Handlers of this consumer in flight at once. Default 1. */
  concurrency?: number;
  /** Deliveries before a failing job is given up. Default 3. */
  maxAttempts?: number;
  /** Called once a job has failed `maxAttempts` times; the transport then forgets it. */
  onFailed(delivery: WorkDelivery, error: unknown): void;
}

export interface WorkConsumer {
  /** Takes no new job and resolves once this consumer's in-flight handlers have settled. */
  stop(): Promise<void>;
}
