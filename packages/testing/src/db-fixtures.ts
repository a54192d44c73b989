import { storedModelAgent } from '@agent-fleet/core';
import { randomUUID } from 'node:crypto';
import { AgentCreateSchema, type Agent, type AgentCreate } from '@agent-fleet/contracts';
import { DrizzleAgentRepository, schema, type Database } from '@agent-fleet/db';
import { buildAgentInput } from './agent-factory.js';

/** A new, empty workspace: each repository test works in its own corner of the shared database. */
export async function insertWorkspace(db: Database, name = 'Test'): Promise<string> {
  const [row] = await db
    .insert(schema.workspaces)
    .values({ name, slug: `${name.toLowerCase()}-${randomUUID()}` })
    .returning({ id: schema.workspaces.id });
  if (!row) throw new Error('The workspace was not inserted');
  return row.id;
}

/** An agent built by `buildAgentInput`, stored straight through the repository. */
export const insertAgent = (db: Database, workspaceId: string, overrides: Partial<AgentCreate> = {}): Promise<Agent> =>
  new DrizzleAgentRepository(db).insert(workspaceId, storedModelAgent(AgentCreateSchema.parse(buildAgentInput(overrides))));
