/**
 * Object storage for payloads too big for a row: conversation transcripts, large messages, step outputs.
 * Two adapters implement it (filesystem, S3 API) and one contract suite (`@agent-fleet/testing`) checks both.
 *
 * Keys are always scoped by workspace: every method takes the workspace id, and adapters store the object
 * under `<workspaceId>/<key>`. A key is a `/`-separated path of segments made of letters, digits, `.`, `_`
 * and `-`; empty segments, `.` and `..` are refused (`BlobKeyError`), so no key can leave its workspace.
 */
export interface BlobStore {
  /** Stores `body` under `key`, replacing any object there. */
  put(workspaceId: string, key: string, body: Uint8Array | string, options?: BlobPutOptions): Promise<void>;
  /** The object's bytes, or `null` when there is none. */
  get(workspaceId: string, key: string): Promise<Uint8Array | null>;
  /** Removes one object; removing a missing one is not an error. */
  delete(workspaceId: string, key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix` (a folder, e.g. `conversations/<id>/`). Returns how many. */
  deletePrefix(workspaceId: string, prefix: string): Promise<number>;
  /** Keys (relative to the workspace) under `prefix`, sorted. */
  list(workspaceId: string, prefix: string): Promise<string[]>;
  /** Whether the store is reachable (readiness). */
  check(): Promise<void>;
}

export interface BlobPutOptions {
  /** Stored as the object's content type where the backend keeps one. Default `application/octet-stream`. */
  contentType?: string;
}
