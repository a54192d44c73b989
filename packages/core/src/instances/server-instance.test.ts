import { describe, expect, it } from 'vitest';
import { ServerInstance, type InstanceRecord, type InstanceRepository } from './server-instance.js';

/** The registry as a map. */
class MemoryInstances implements InstanceRepository {
  readonly rows = new Map<string, InstanceRecord>();
  async register(instance: Omit<InstanceRecord, 'heartbeatAt'>, at: Date): Promise<void> {
    this.rows.set(instance.id, { ...instance, heartbeatAt: at });
  }
  async heartbeat(id: string, at: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (row) row.heartbeatAt = at;
    return row !== undefined;
  }
  async list(): Promise<InstanceRecord[]> {
    return [...this.rows.values()];
  }
  async delete(ids: string[]): Promise<void> {
    for (const id of ids) this.rows.delete(id);
  }
}

const STALE_MS = 30_000;

function world() {
  const instances = new MemoryInstances();
  let now = Date.parse('2026-01-01T00:00:00.000Z');
  const alive = new Set<number>();
  const make = (host: string, pid: number) => {
    alive.add(pid);
    return new ServerInstance({
      instances,
      staleMs: STALE_MS,
      now: () => new Date(now),
      isAlive: (peer) => alive.has(peer),
      host,
      pid,
    });
  };
  return { instances, make, alive, advance: (ms: number) => (now += ms) };
}

describe('ServerInstance', () => {
  it('judges a peer on another host dead only once its heartbeat is older than the stale time', async () => {
    const { make, advance } = world();
    const a = make('host-a', 1);
    const b = make('host-b', 2);
    await a.start({ heartbeat: false });
    await b.start({ heartbeat: false });

    advance(STALE_MS);
    expect(await b.deadPeers()).toEqual([]);
    advance(1);
    expect(await b.deadPeers()).toEqual([a.id]);
    await a.beat();
    expect(await b.deadPeers()).toEqual([]);
  });

  it('judges a peer on its own host dead at once when its process is gone, or when it is its own previous life', async () => {
    const { make, alive } = world();
    const self = make('host-a', 1);
    const neighbour = make('host-a', 2);
    const previousLife = make('host-a', 1);
    await neighbour.start({ heartbeat: false });
    await previousLife.start({ heartbeat: false });
    await self.start({ heartbeat: false });

    expect(await self.deadPeers()).toEqual([previousLife.id]);
    alive.delete(2);
    expect((await self.deadPeers()).sort()).toEqual([neighbour.id, previousLife.id].sort());
  });

  it('registers again when another server had declared it dead, and leaves the registry on stop', async () => {
    const { instances, make } = world();
    const a = make('host-a', 1);
    await a.start({ heartbeat: false });
    await instances.delete([a.id]);

    await a.beat();
    expect([...instances.rows.keys()]).toEqual([a.id]);
    await a.stop();
    expect(instances.rows.size).toBe(0);
  });
});
