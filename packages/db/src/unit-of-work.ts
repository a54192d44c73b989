import { retryingTransaction, type Repositories, type UnitOfWork } from '@agent-fleet/core';
import { DrizzleAgentLifecycleRepository } from './agent-lifecycle-repository.js';
import { DrizzleAgentRepository } from './agent-repository.js';
import { DrizzleAgentTaskRepository } from './agent-task-repository.js';
import { DrizzleConversationRepository } from './conversation-repository.js';
import type { Database } from './database.js';
import { DrizzleFleetRepository } from './fleet-repository.js';
import { DrizzleFleetTaskRepository } from './fleet-task-repository.js';
import { DrizzleMessageRepository } from './message-repository.js';
import { DrizzleModelPriceRepository } from './model-price-repository.js';
import { DrizzlePipelineRepository } from './pipeline-repository.js';
import { DrizzlePromptRepository } from './prompt-repository.js';
import { DrizzleProviderSettingsRepository } from './provider-settings-repository.js';
import { DrizzleAuditRepository } from './security-store.js';

/** Every repository of the unit of work over one database or transaction. */
export const drizzleRepositories = (db: Database): Repositories => ({
  agents: new DrizzleAgentRepository(db),
  agentLifecycle: new DrizzleAgentLifecycleRepository(db),
  conversations: new DrizzleConversationRepository(db),
  messages: new DrizzleMessageRepository(db),
  tasks: new DrizzleAgentTaskRepository(db),
  prompts: new DrizzlePromptRepository(db),
  pipelines: new DrizzlePipelineRepository(db),
  fleets: new DrizzleFleetRepository(db),
  fleetTasks: new DrizzleFleetTaskRepository(db),
  providerSettings: new DrizzleProviderSettingsRepository(db),
  modelPrices: new DrizzleModelPriceRepository(db),
  audit: new DrizzleAuditRepository(db),
});

/**
 * The unit of work over Drizzle: `work` gets repositories bound to one transaction. Inside it, only
 * those may be used: PGlite has a single connection, so a query on the outer handle would wait for
 * the transaction forever. A deadlock the database broke by aborting it runs `work` again.
 */
export class DrizzleUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return retryingTransaction(() => this.db.transaction((tx) => work(drizzleRepositories(tx as unknown as Database))));
  }
}
