/**
 * Messages between a WorkerPool (host) and its workers. A worker runs one task at a time; while it runs,
 * the task may ask the host questions (`request` → `reply`), e.g. to look an include up in the database.
 */

/** An error as it crosses the thread boundary: name, message and own data fields, never a stack. */
export interface SerializedError {
  name: string;
  message: string;
  /** The error's own enumerable fields (e.g. `code`, `line`), when they survive structured cloning. */
  details: Record<string, unknown>;
}

export type HostMessage =
  | { type: 'task'; id: number; kind: string; payload: unknown }
  | { type: 'reply'; id: number; requestId: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; requestId: number; ok: false; error: SerializedError };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: SerializedError }
  | { type: 'request'; id: number; requestId: number; request: unknown };

/** An error raised on the other side of the boundary, rebuilt with its name, message and data fields. */
export class RemoteError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), details: {} };
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause' || key === 'stack') continue;
    try {
      details[key] = structuredClone(value);
    } catch {
      // Not cloneable (a function, a socket …): the field stays behind.
    }
  }
  return { name: error.name, message: error.message, details };
}

export const deserializeError = (error: SerializedError): RemoteError =>
  new RemoteError(error.name, error.message, error.details);
