import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { deserializeError, serializeError, type HostMessage, type WorkerMessage } from './worker-protocol.js';

/**
 * Why the pool refused or lost a task:
 * - `busy`: every worker is taken and the queue is full (back-pressure; retry later);
 * - `timeout`: the task ran past its hard limit and its worker was terminated;
 * - `out_of_memory`: the worker hit its heap limit and died;
 * - `crashed`: the worker exited or failed to start (a bug, not the task's input);
 * - `closed`: the pool was closed.
 */
export type WorkerPoolErrorKind = 'busy' | 'timeout' | 'out_of_memory' | 'crashed' | 'closed';

export class WorkerPoolError extends Error {
  constructor(
    readonly kind: WorkerPoolErrorKind,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'WorkerPoolError';
  }
}

export interface WorkerPoolOptions {
  /**
   * The worker module: a file that calls `serveWorkerTasks`. A `.ts` file (tests and `npm run dev` run
   * the source) is loaded through tsx; the built `.js` file loads directly.
   */
  entry: URL;
  /** Handed to every worker as `workerData` (structured-cloned). */
  workerData?: unknown;
  /** Workers running at once. Default: available parallelism − 1, at least 1 and at most 4. */
  size?: number;
  /**
   * Tasks that may wait for a worker; past it `run` rejects with `busy` at once, unless the task is one
   * that waits (`WorkerTaskOptions.wait`). Default 4 × size.
   */
  maxQueue?: number;
  /** An idle worker exits after this long (and a new one starts on demand). Default 30_000 ms. */
  idleTimeoutMs?: number;
  /**
   * Workers kept started even when idle, started with the pool and replaced at once when one is lost,
   * so a cold start (loading the worker's modules) is never on a request's path. Default 0.
   */
  minWorkers?: number;
  /** Heap limits of each worker, so a memory bomb kills one worker, not the process. */
  resourceLimits?: ResourceLimits;
}

export interface WorkerTaskOptions {
  /**
   * Hard wall-clock limit, counted from the moment a worker takes the task. Past it the worker is
   * terminated, whatever it is doing, and the task rejects with `timeout`.
   */
  timeoutMs: number;
  /** Answers the task's requests (see HostChannel) on this thread. Without it, requests fail. */
  onRequest?: (request: unknown) => Promise<unknown>;
  /**
   * Waits in line however long it is, instead of being refused `busy` when the line is full. For work the
   * server runs on its own (pipeline steps, the tasks of fleets and pipelines), which its own limits
   * already bound (engine slots, fleet capacity) and which has no client to try again later: refusing it
   * would fail a step or a task for a moment's congestion. A client's request (a preview, a chat turn) is
   * refused instead, so it learns at once to retry. Waiting tasks count in the line others see.
   */
  wait?: boolean;
}

export interface WorkerPoolStats {
  workers: number;
  busy: number;
  queued: number;
}

interface Task {
  id: number;
  kind: string;
  payload: unknown;
  options: WorkerTaskOptions;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * Loads a TypeScript worker module through tsx. Only dynamic `import()`: an eval'd worker inherits the
 * parent's flags, so it runs as CommonJS or, under `--input-type=module`, as ESM.
 */
const TS_BOOTSTRAP = `
import('node:worker_threads')
  .then(({ workerData }) => import(workerData.loader).then((tsx) => { tsx.register(); return import(workerData.entry); }))
  .catch((error) => setImmediate(() => { throw error; }));
`;

/**
 * A fixed-size pool of worker threads for CPU-bound work on untrusted input (template renders, later
 * expression evaluation). The event loop of the host only passes messages: however long a task runs,
 * HTTP keeps answering. Every task has a hard time limit enforced by terminating its worker, the queue
 * is bounded for requests (a full pool refuses them at once instead of piling work up; work the server
 * runs on its own waits, see `WorkerTaskOptions.wait`), and idle workers neither keep
 * the process alive nor linger.
 */
export class WorkerPool {
  readonly size: number;
  readonly maxQueue: number;
  private readonly idleTimeoutMs: number;
  private readonly minWorkers: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextTaskId = 0;
  private closed = false;
  /** Consecutive workers that died before they were ready; stops a respawn loop on a broken entry. */
  private startFailures = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = options.size ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    this.maxQueue = options.maxQueue ?? 4 * this.size;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.minWorkers = Math.min(this.size, options.minWorkers ?? 0);
    if (!(this.size >= 1) || !(this.maxQueue >= 0)) throw new RangeError('WorkerPool needs size ≥ 1 and maxQueue ≥ 0');
    this.replenish();
  }

  /** Runs a task of `kind` on a worker. Rejects with WorkerPoolError, or the task's own error as a RemoteError. */
  run(kind: string, payload: unknown, options: WorkerTaskOptions): Promise<unknown> {
    if (this.closed) return Promise.reject(new WorkerPoolError('closed', 'The worker pool is closed'));
    // Queued tasks up to the free workers (idle, starting or not yet started) start at once; the rest wait.
    const free = this.size - [...this.slots].filter((slot) => slot.task).length;
    if (!options.wait && this.queue.length >= free + this.maxQueue) {
      return Promise.reject(new WorkerPoolError('busy', 'Every worker is busy and the queue is full'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.nextTaskId, kind, payload, options, resolve, reject });
      this.drain();
    });
  }

  stats(): WorkerPoolStats {
    const slots = [...this.slots];
    return { workers: slots.length, busy: slots.filter((slot) => slot.task).length, queued: this.queue.length };
  }

  /** Refuses queued tasks, terminates every worker (running tasks reject with `closed`). */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new WorkerPoolError('closed', 'The worker pool is closed'));
    await Promise.all(
      [...this.slots].map((slot) => {
        this.finish(slot, undefined, new WorkerPoolError('closed', 'The worker pool is closed'));
        return this.retire(slot);
      }),
    );
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((candidate) => candidate.ready && !candidate.task);
      if (!slot) break;
      this.dispatch(slot, this.queue.shift() as Task);
    }
    const starting = [...this.slots].filter((slot) => !slot.ready).length;
    let wanted = Math.min(this.queue.length - starting, this.size - this.slots.size);
    for (; wanted > 0; wanted--) this.spawn();
    this.replenish();
  }

  private replenish(): void {
    while (!this.closed && this.slots.size < this.minWorkers) this.spawn();
  }

  private dispatch(slot: Slot, task: Task): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
    const message: HostMessage = { type: 'task', id: task.id, kind: task.kind, payload: task.payload };
    try {
      slot.worker.postMessage(message);
    } catch (error) {
      // The payload cannot be cloned (a function, a symbol …): the caller's input, not the worker's fault.
      task.reject(error instanceof Error ? error : new Error(String(error)));
      this.markIdle(slot);
      return;
    }
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.finish(slot, undefined, new WorkerPoolError('timeout', `The task ran longer than ${task.options.timeoutMs} ms`));
      void this.retire(slot);
      this.drain();
    }, task.options.timeoutMs);
  }

  private spawn(): void {
    const entry = this.options.entry;
    const typescript = entry.pathname.endsWith('.ts');
    const worker = typescript
      ? new Worker(TS_BOOTSTRAP, {
          eval: true,
          workerData: {
            ...(this.options.workerData as object | undefined),
            entry: entry.href,
            // Only the source needs tsx (a dev dependency); the built product never asks for it.
            loader: import.meta.resolve('tsx/esm/api'),
          },
          ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
        })
      : new Worker(entry, {
          workerData: this.options.workerData,
          ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
        });
    const slot: Slot = { worker, ready: false, task: undefined, timer: undefined, idleTimer: undefined };
    // Referenced while it starts (a task is waiting for it); unreferenced once idle (see markIdle).
    this.slots.add(slot);
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const kind = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : 'crashed';
      this.lose(slot, new WorkerPoolError(kind, `A worker failed: ${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => this.lose(slot, new WorkerPoolError('crashed', `A worker exited with code ${code}`)));
  }

  /** A worker died on its own (not retired by us): fail its task, and stop retrying a worker that cannot start. */
  private lose(slot: Slot, error: WorkerPoolError): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    clearTimeout(slot.idleTimer);
    this.finish(slot, undefined, error);
    if (!slot.ready && ++this.startFailures >= 3) {
      for (const task of this.queue.splice(0)) task.reject(error);
      this.startFailures = 0;
      return;
    }
    if (!this.closed) this.drain();
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
      this.markIdle(slot);
      this.drain();
      return;
    }
    const task = slot.task;
    if (!task || message.id !== task.id) return;
    if (message.type === 'request') {
      void this.answer(slot, task, message.requestId, message.request);
      return;
    }
    if (message.ok) this.finish(slot, message.value, undefined);
    else this.finish(slot, undefined, deserializeError(message.error));
    this.markIdle(slot);
    this.drain();
  }

  private async answer(slot: Slot, task: Task, requestId: number, request: unknown): Promise<void> {
    let reply: HostMessage;
    try {
      if (!task.options.onRequest) throw new Error('This task cannot make requests');
      reply = { type: 'reply', id: task.id, requestId, ok: true, value: await task.options.onRequest(request) };
    } catch (error) {
      reply = { type: 'reply', id: task.id, requestId, ok: false, error: serializeError(error) };
    }
    // The task may have timed out (and its worker gone) while we looked the answer up.
    if (slot.task !== task) return;
    try {
      slot.worker.postMessage(reply);
    } catch (error) {
      slot.worker.postMessage({ type: 'reply', id: task.id, requestId, ok: false, error: serializeError(error) });
    }
  }

  /** Settles the slot's task (if any) and clears its timer. */
  private finish(slot: Slot, value: unknown, error: Error | undefined): void {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
    if (!task) return;
    if (error) task.reject(error);
    else task.resolve(value);
  }

  private markIdle(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (this.slots.size > this.minWorkers) void this.retire(slot);
    }, this.idleTimeoutMs);
    slot.idleTimer.unref();
  }

  /** Removes a worker we no longer want and waits for it to stop. */
  private async retire(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    clearTimeout(slot.idleTimer);
    clearTimeout(slot.timer);
    await slot.worker.terminate();
  }
}
