import type { SecurityStore } from './store.js';

/**
 * How long an authentication read is reused by default: the longest a change to access made through
 * another server (several servers on one PostgreSQL) goes unseen by this one.
 */
export const ACCESS_CACHE_TTL_MS = 5000;

export interface AccessCacheOptions {
  /** How long a read is reused, in ms. Default `ACCESS_CACHE_TTL_MS` (5000). */
  ttlMs?: number;
  /** Entries kept at most; the oldest go first. Default 10000. */
  maxEntries?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * What authenticating a request reads (an API key, a session, a user's memberships, a custom role),
 * kept for a few seconds so that a busy client costs one query per page instead of five.
 *
 * Invariant: a change to access made in this process takes effect at once. Every write that can narrow
 * access goes through a store returned by `watch()`, which empties the cache when the write commits;
 * a read that was in flight meanwhile is dropped with it, so nothing older than the change is served
 * afterwards. Another process's change (several servers on one PostgreSQL) takes effect within `ttlMs`.
 */
export class AccessCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: AccessCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? ACCESS_CACHE_TTL_MS;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The cached value of `key`, or `load()`'s, which concurrent callers share. A failed load is not kept. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    this.entries.delete(key);
    const value = load();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }

  /**
   * `store`, whose writes to memberships, roles, sessions and API key revocation clear this cache once
   * they commit (inside a transaction: when the outermost transaction ends, committed or not).
   */
  watch(store: SecurityStore): SecurityStore {
    return watched(store, () => this.clear());
  }
}

function watched(store: SecurityStore, changed: () => void): SecurityStore {
  return {
    users: store.users,
    memberships: after(store.memberships, ['insert', 'update', 'delete'], changed),
    roles: after(store.roles, ['insert', 'update', 'delete'], changed),
    sessions: after(store.sessions, ['revoke', 'revokeAllForUser'], changed),
    apiKeys: after(store.apiKeys, ['revoke'], changed),
    invitations: store.invitations,
    workspaces: store.workspaces,
    audit: store.audit,
    async transaction(fn) {
      let dirty = false;
      try {
        return await store.transaction((tx) => fn(watched(tx, () => (dirty = true))));
      } finally {
        if (dirty) changed();
      }
    },
  };
}

/** `repository` with `methods` calling `changed` after they run; its other methods are its own. */
function after<R extends object>(repository: R, methods: (keyof R & string)[], changed: () => void): R {
  const wrapper = Object.create(repository) as R;
  for (const method of methods) {
    const original = repository[method] as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(wrapper, method, {
      value: async (...args: unknown[]) => {
        try {
          return await original.apply(repository, args);
        } finally {
          changed();
        }
      },
    });
  }
  return wrapper;
}
