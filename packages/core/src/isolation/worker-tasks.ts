import { parentPort } from 'node:worker_threads';
import { deserializeError, serializeError, type HostMessage, type WorkerMessage } from './worker-protocol.js';

/** What a task may ask the thread that started it while it runs. */
export interface HostChannel {
  /** Sends `request` to the task's `onRequest` on the host and resolves with its answer. */
  request(request: unknown): Promise<unknown>;
}

export type TaskHandler = (payload: unknown, host: HostChannel) => unknown;

/**
 * The worker side of a WorkerPool: call it once at the top of a worker module with a handler per task
 * kind. A handler's result (or thrown error, without its stack) goes back to the host.
 */
export function serveWorkerTasks(handlers: Record<string, TaskHandler>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTasks must run in a worker thread');
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextRequestId = 0;
  const post = (message: WorkerMessage) => port.postMessage(message);

  const run = async (id: number, kind: string, payload: unknown) => {
    const host: HostChannel = {
      request: (request) =>
        new Promise((resolve, reject) => {
          const requestId = ++nextRequestId;
          pending.set(requestId, { resolve, reject });
          post({ type: 'request', id, requestId, request });
        }),
    };
    try {
      const handler = Object.hasOwn(handlers, kind) ? handlers[kind] : undefined;
      if (!handler) throw new Error(`Unknown task kind "${kind}"`);
      const value = await handler(payload, host);
      try {
        post({ type: 'result', id, ok: true, value });
      } catch (error) {
        post({ type: 'result', id, ok: false, error: serializeError(error) });
      }
    } catch (error) {
      post({ type: 'result', id, ok: false, error: serializeError(error) });
    }
  };

  port.on('message', (message: HostMessage) => {
    if (message.type === 'task') {
      void run(message.id, message.kind, message.payload);
      return;
    }
    const waiter = pending.get(message.requestId);
    if (!waiter) return;
    pending.delete(message.requestId);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(deserializeError(message.error));
  });
  post({ type: 'ready' });
}
