import type { AgentLifecycleRepository } from './agents/agent-lifecycle-repository.js';
import type { AgentRepository } from './agents/agent-repository.js';
import type {
  AgentTaskRepository,
  ConversationRepository,
  MessageRepository,
  ModelPriceRepository,
  ProviderSettingsRepository,
} from './llm/llm-ports.js';
import type { FleetRepository } from './fleets/registry/fleet-repository.js';
import type { FleetTaskRepository } from './fleets/tasks/fleet-task-repository.js';
import type { PipelineRepository } from './pipelines/registry/pipeline-repository.js';
import type { PromptRepository } from './prompts/prompt-repository.js';
import type { AuditRepository } from './security/store.js';

/** The repositories a unit of work hands out, every one bound to its single transaction. */
export interface Repositories {
  agents: AgentRepository;
  agentLifecycle: AgentLifecycleRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  tasks: AgentTaskRepository;
  prompts: PromptRepository;
  pipelines: PipelineRepository;
  fleets: FleetRepository;
  fleetTasks: FleetTaskRepository;
  providerSettings: ProviderSettingsRepository;
  modelPrices: ModelPriceRepository;
  audit: AuditRepository;
}

/**
 * Writes that belong together commit together. A service runs a domain change and its audit event in
 * one `transaction(work)`: when anything in `work` throws, nothing of it was written, so a request that
 * fails (a 4xx found late, or a 5xx) leaves no trace. Side effects outside the database (blob deletes,
 * aborting a turn) come after the commit they belong to. `work` may run more than once: a transaction
 * the database aborted to break a deadlock is run again (see retryingTransaction), so it must do
 * nothing but use the repositories it is given.
 */
export interface UnitOfWork {
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
