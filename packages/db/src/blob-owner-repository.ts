import type { BlobOwnerKind, BlobOwners } from '@agent-fleet/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from './database.js';
import { pipelineStepRuns } from './pipeline-schema.js';
import { agentTasks, conversations, messages, workspaces } from './schema.js';

const TABLES = { conversation: conversations, message: messages, task: agentTasks, step: pipelineStepRuns } as const;

/** Which rows exist that blobs belong to, for the orphan-blob sweep; each check is a primary-key lookup. */
export class DrizzleBlobOwners implements BlobOwners {
  constructor(private readonly db: Database) {}

  async workspaceIds(): Promise<string[]> {
    const rows = await this.db.select({ id: workspaces.id }).from(workspaces);
    return rows.map((row) => row.id);
  }

  async existing(workspaceId: string, kind: BlobOwnerKind, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const table = TABLES[kind];
    const rows = await this.db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids)));
    return new Set(rows.map((row) => row.id));
  }
}
