import { describe, expect, it } from 'vitest';
import { AccessCache } from './access-cache.js';
import type { SecurityStore } from './store.js';

/** A store whose memberships hold one role per user, and whose transactions can be made to fail. */
function fakeStore() {
  const roles = new Map<string, string>([['u1', 'owner']]);
  const counts = { reads: 0 };
  const memberships = {
    roles,
    counts,
    async listForUser(userId: string) {
      counts.reads += 1;
      return [{ userId, role: roles.get(userId) }];
    },
    async update(_workspaceId: string, userId: string, changes: { role: string }) {
      roles.set(userId, changes.role);
    },
  };
  const apiKeys = { touch: () => Promise.resolve() };
  const store = {
    memberships,
    apiKeys,
    roles: {},
    sessions: {},
    async transaction<T>(fn: (tx: SecurityStore) => Promise<T>): Promise<T> {
      return fn(store as unknown as SecurityStore);
    },
  };
  return { store: store as unknown as SecurityStore, memberships };
}

const roleOf = async (store: SecurityStore, cache: AccessCache, userId = 'u1') =>
  (await cache.get(`memberships:${userId}`, () => store.memberships.listForUser(userId)))[0]?.role;

describe('AccessCache', () => {
  it('reuses a read until its time is up', async () => {
    let now = 0;
    const cache = new AccessCache({ ttlMs: 5000, now: () => now });
    const { store, memberships } = fakeStore();
    await roleOf(store, cache);
    now = 4999;
    await roleOf(store, cache);
    expect(memberships.counts.reads).toBe(1);
    now = 5000;
    await roleOf(store, cache);
    expect(memberships.counts.reads).toBe(2);
  });

  it('shares one read among concurrent callers and keeps no failed read', async () => {
    const cache = new AccessCache();
    let loads = 0;
    const failing = () => {
      loads += 1;
      return Promise.reject(new Error('database down'));
    };
    await expect(Promise.all([cache.get('k', failing), cache.get('k', failing)])).rejects.toThrow('database down');
    expect(loads).toBe(1);
    await expect(cache.get('k', async () => 'up again')).resolves.toBe('up again');
  });

  it('serves a change written through the watched store at once, inside or outside a transaction', async () => {
    const cache = new AccessCache();
    const { store } = fakeStore();
    const watched = cache.watch(store);
    expect(await roleOf(watched, cache)).toBe('owner');

    await watched.memberships.update('w1', 'u1', { role: 'viewer' });
    expect(await roleOf(watched, cache)).toBe('viewer');

    await watched.transaction((tx) => tx.memberships.update('w1', 'u1', { role: 'editor' }));
    expect(await roleOf(watched, cache)).toBe('editor');
  });

  it('clears only when the outermost transaction ends, so no read inside it is kept', async () => {
    const cache = new AccessCache();
    const { store } = fakeStore();
    const watched = cache.watch(store);
    await watched.transaction(async (tx) => {
      await tx.memberships.update('w1', 'u1', { role: 'viewer' });
      // A request reading meanwhile (here the old role, as before a commit) must not outlive the transaction.
      await cache.get('memberships:u1', async () => [{ role: 'owner' }]);
    });
    expect(await roleOf(watched, cache)).toBe('viewer');
  });

  it('drops a read that was in flight when a change committed', async () => {
    const cache = new AccessCache();
    const { store, memberships } = fakeStore();
    const watched = cache.watch(store);
    let release: () => void = () => undefined;
    const stale = cache.get('memberships:u1', async () => {
      const role = memberships.roles.get('u1');
      await new Promise<void>((resolve) => (release = resolve));
      return [{ role }];
    });
    await watched.memberships.update('w1', 'u1', { role: 'viewer' });
    release();
    expect((await stale)[0]?.role).toBe('owner');
    expect(await roleOf(watched, cache)).toBe('viewer');
  });

  it('keeps writes that do not change access from clearing it (an API key use)', async () => {
    const cache = new AccessCache();
    const { store, memberships } = fakeStore();
    const watched = cache.watch(store);
    await roleOf(watched, cache);
    await watched.apiKeys.touch('k1');
    await roleOf(watched, cache);
    expect(memberships.counts.reads).toBe(1);
  });

  it('forgets the oldest entries past its size', async () => {
    const cache = new AccessCache({ maxEntries: 2 });
    let loads = 0;
    const load = async () => (loads += 1);
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    await cache.get('b', load);
    expect(loads).toBe(3);
    await cache.get('a', load);
    expect(loads).toBe(4);
  });
});
