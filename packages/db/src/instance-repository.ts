import type { InstanceRecord, InstanceRepository } from '@agent-fleet/core';
import { eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { serverInstances } from './schema.js';

/** Work whose owner column names no registered instance (or nobody) is abandoned. */
export const unregistered = (owner: Column): SQL =>
  sql`(${owner} is null or not exists (select 1 from ${serverInstances} where ${serverInstances.id} = ${owner}))`;

/** The registry of live server processes (see `ServerInstance`). */
export class DrizzleInstanceRepository implements InstanceRepository {
  constructor(private readonly db: Database) {}

  async register(instance: Omit<InstanceRecord, 'heartbeatAt'>, at: Date): Promise<void> {
    await this.db
      .insert(serverInstances)
      .values({ ...instance, heartbeatAt: at })
      .onConflictDoUpdate({ target: serverInstances.id, set: { heartbeatAt: at } });
  }

  async heartbeat(id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(serverInstances)
      .set({ heartbeatAt: at })
      .where(eq(serverInstances.id, id))
      .returning({ id: serverInstances.id });
    return rows.length > 0;
  }

  list(): Promise<InstanceRecord[]> {
    return this.db
      .select({
        id: serverInstances.id,
        host: serverInstances.host,
        pid: serverInstances.pid,
        heartbeatAt: serverInstances.heartbeatAt,
      })
      .from(serverInstances);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(serverInstances).where(inArray(serverInstances.id, ids));
  }
}
