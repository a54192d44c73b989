import type {
  AgentKind,
  AgentLimits,
  AgentModel,
  AuditAction,
  LlmCall,
  Message,
  ModelPrices,
  ProviderKind,
  RemoteHealth,
  SystemPrompt,
  TaskError,
  TaskKind,
  TaskStatus,
  TaskSystemPrompt,
  TemplateSourceInput,
  TokenUsage,
  ToolCallRecord,
} from '@agent-fleet/contracts';
import type { StoredAgentRemote } from '@agent-fleet/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A task's rendered system prompt as stored (see `agentTasks.systemPrompt`). */
export type StoredTaskSystemPrompt = Omit<TaskSystemPrompt, 'text'> & { text: string; textBlobKey: string | null };

/** Millisecond precision keeps cursor timestamps exact when they round-trip through JS Dates. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
};

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  ...timestamps,
});

/** Every domain row belongs to a workspace and goes with it. */
export const workspaceColumn = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    role: text('role').notNull().default(''),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** `model` or `a2a` (docs/fleets.md, Remote A2A agents). */
    kind: text('kind').$type<AgentKind>().notNull().default('model'),
    model: jsonb('model').$type<AgentModel>().notNull(),
    /** An a2a agent's card URL and credential scheme (never its secret); null for a model agent. */
    remote: jsonb('remote').$type<StoredAgentRemote>(),
    /** An a2a agent's credential secret, SecretBox ciphertext (context `agent-remote:<workspace>:<id>`). Never selected into the DTO. */
    remoteSecretCiphertext: text('remote_secret_ciphertext'),
    /** The last health check of an a2a agent's remote; null before the first. */
    remoteHealth: jsonb('remote_health').$type<RemoteHealth>(),
    systemPrompt: jsonb('system_prompt').$type<SystemPrompt>().notNull(),
    tools: text('tools')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    limits: jsonb('limits').$type<AgentLimits>().notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // Names are unique per workspace regardless of case: "Triage" and "triage" would confuse people.
    uniqueIndex('agents_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('agents_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('agents_workspace_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('agents_skills_idx').using('gin', t.skills),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: workspaceColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A built-in role name or the name of a custom role of the workspace. */
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: text('permissions').array().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('roles_workspace_name_key').on(t.workspaceId, t.name)],
);

/** A login session: one refresh-token family. Revoking it ends every token of the family. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamps.createdAt,
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const refreshTokens = pgTable('refresh_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id')
    .notNull()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamps.createdAt,
  usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    role: text('role').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    email: text('email'),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    action: text('action').$type<AuditAction>().notNull(),
    actorType: text('actor_type').$type<'user' | 'api_key' | 'anonymous'>().notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('audit_events_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id)],
);

export const promptTemplates = pgTable(
  'prompt_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    category: text('category').notNull().default(''),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    latestVersion: integer('latest_version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('prompt_templates_workspace_name_key').on(t.workspaceId, t.name),
    index('prompt_templates_workspace_category_idx').on(t.workspaceId, t.category, t.name),
  ],
);

/** Immutable: a version is never updated or deleted on its own. */
export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => promptTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    source: jsonb('source').$type<TemplateSourceInput>().notNull(),
    variables: jsonb('variables').$type<unknown[]>().notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    commitMessage: text('commit_message').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('prompt_versions_template_version_key').on(t.templateId, t.version)],
);

export const promptLabels = pgTable(
  'prompt_labels',
  {
    templateId: uuid('template_id')
      .notNull()
      .references(() => promptTemplates.id, { onDelete: 'cascade' }),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [primaryKey({ columns: [t.templateId, t.name] })],
);

/** A workspace's settings for one provider; the API key is stored encrypted (SecretBox ciphertext). */
export const providerSettings = pgTable(
  'provider_settings',
  {
    workspaceId: workspaceColumn(),
    providerId: text('provider_id').notNull(),
    kind: text('kind').$type<Exclude<ProviderKind, 'mock'>>().notNull(),
    baseUrl: text('base_url'),
    apiKeyCiphertext: text('api_key_ciphertext'),
    apiKeyHint: text('api_key_hint'),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.providerId] })],
);

/** A workspace's override of (or addition to) the shipped model catalogue. */
export const modelPrices = pgTable(
  'model_prices',
  {
    workspaceId: workspaceColumn(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    label: text('label'),
    contextWindow: integer('context_window'),
    prices: jsonb('prices').$type<ModelPrices>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.provider, t.model] })],
);

/** Token totals: bigint because a long conversation's or a busy workspace's sums outgrow 2^31. */
export const tokenColumns = () => ({
  inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
  outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
  cachedInputTokens: bigint('cached_input_tokens', { mode: 'number' }).notNull().default(0),
  cacheWriteTokens: bigint('cache_write_tokens', { mode: 'number' }).notNull().default(0),
  reasoningTokens: bigint('reasoning_tokens', { mode: 'number' }).notNull().default(0),
});

/** USD with ten decimals: a cheap model's single call costs fractions of a micro-dollar, and sums must be exact. */
export const costColumn = () => numeric('cost_usd', { precision: 20, scale: 10, mode: 'number' });

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    variables: jsonb('variables').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    messageCount: integer('message_count').notNull().default(0),
    ...tokenColumns(),
    costUsd: costColumn().notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 }),
    /**
     * The claim of the chat turn running in the conversation: its id and the instance running it
     * (`server_instances.id`). Set while a turn runs, whichever server runs it; cleared when it ends, or by
     * recovery once the owner is no longer registered.
     */
    turnId: uuid('turn_id'),
    turnOwner: text('turn_owner'),
    ...timestamps,
  },
  (t) => [
    // Recovery releases the claims of dead instances.
    index('conversations_turn_owner_idx')
      .on(t.turnOwner)
      .where(sql`${t.turnOwner} is not null`),
    // Lists sort by latest activity; the expression must match the repository's ORDER BY.
    index('conversations_workspace_activity_idx').on(t.workspaceId, sql`coalesce(${t.lastMessageAt}, ${t.createdAt})`, t.id),
    // An agent's conversations (the chat sidebar), in the same order.
    index('conversations_workspace_agent_activity_idx').on(
      t.workspaceId,
      t.agentId,
      sql`coalesce(${t.lastMessageAt}, ${t.createdAt})`,
      t.id,
    ),
    index('conversations_agent_idx').on(t.agentId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Insertion order: messages written in the same millisecond still read back in the order they were stored. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    role: text('role').$type<Message['role']>().notNull(),
    content: text('content').notNull(),
    /** Set when the content is too big to keep inline: it lives in the blob store and `content` is empty. */
    contentBlobKey: text('content_blob_key'),
    toolCalls: jsonb('tool_calls').$type<ToolCallRecord[]>().notNull().default([]),
    status: text('status').$type<Message['status']>().notNull(),
    error: jsonb('error').$type<TaskError>(),
    provider: text('provider'),
    model: text('model'),
    mock: boolean('mock').notNull().default(false),
    usage: jsonb('usage').$type<TokenUsage>(),
    costUsd: costColumn(),
    /** The task that wrote the message; no foreign key, the task history is kept on its own terms. */
    taskId: uuid('task_id'),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('messages_conversation_seq_idx').on(t.conversationId, t.seq)],
);

export const agentTasks = pgTable(
  'agent_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TaskKind>().notNull(),
    status: text('status').$type<TaskStatus>().notNull().default('running'),
    /** Kept (unlinked) when the conversation is deleted: the task and its cost stay in the agent's history. */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    parentTaskId: uuid('parent_task_id'),
    /**
     * The root task whose limits it runs under: the fleet task (`fleet_tasks.id`) of every agent task of
     * its attempts, delegated ones included; null outside fleet tasks. Its budget is summed from the
     * ledger rows of these tasks (no foreign key: the ledger's history outlives the fleet task).
     */
    rootTaskId: uuid('root_task_id'),
    summary: text('summary').notNull().default(''),
    ...tokenColumns(),
    costUsd: costColumn().notNull().default(0),
    llmCalls: integer('llm_calls').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    error: jsonb('error').$type<TaskError>(),
    /**
     * The system prompt as rendered for this task. Its text is inline when small; larger text lives in the
     * blob store under `textBlobKey` (and `text` is empty).
     */
    systemPrompt: jsonb('system_prompt').$type<StoredTaskSystemPrompt>(),
    /** The instance running the task (`server_instances.id`); null on rows from before instances. */
    owner: text('owner'),
  },
  (t) => [
    index('agent_tasks_agent_started_idx').on(t.workspaceId, t.agentId, t.startedAt, t.id),
    // Monitoring: an agent's tasks that ended in a range (and, with `finished_at is null`, those running).
    index('agent_tasks_agent_finished_idx').on(t.workspaceId, t.agentId, t.finishedAt),
    index('agent_tasks_conversation_idx').on(t.conversationId),
    // A fleet task's agent tasks: its budget's sum, and its tree in start order.
    index('agent_tasks_root_task_idx')
      .on(t.rootTaskId, t.startedAt, t.id)
      .where(sql`${t.rootTaskId} is not null`),
    // The tasks one asked (recovery walks a turn's tree down by it).
    index('agent_tasks_parent_idx')
      .on(t.parentTaskId)
      .where(sql`${t.parentTaskId} is not null`),
    // Recovery looks only at tasks still running, by owner.
    index('agent_tasks_running_idx')
      .on(t.owner)
      .where(sql`${t.status} = 'running'`),
  ],
);

/**
 * The usage ledger: one row per provider call. Its references carry no foreign keys on purpose: the
 * ledger is history and outlives the agents, conversations and tasks it served.
 */
export const llmCalls = pgTable(
  'llm_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    mock: boolean('mock').notNull().default(false),
    ...tokenColumns(),
    costUsd: costColumn().notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    timeToFirstTokenMs: integer('time_to_first_token_ms'),
    outcome: text('outcome').$type<LlmCall['outcome']>().notNull(),
    errorClass: text('error_class').$type<NonNullable<LlmCall['errorClass']>>(),
    errorMessage: text('error_message'),
    attempt: integer('attempt').notNull().default(1),
    fallback: boolean('fallback').notNull().default(false),
    agentId: uuid('agent_id'),
    conversationId: uuid('conversation_id'),
    taskId: uuid('task_id'),
    runId: uuid('run_id'),
    stepId: text('step_id'),
    promptRef: text('prompt_ref'),
    /** The usage is an estimate: the provider reported none (failed, cut, stopped or interrupted call). */
    estimated: boolean('estimated').notNull().default(false),
    /** No price was known for the model; `cost_usd` is 0 for that reason. */
    unpriced: boolean('unpriced').notNull().default(false),
    /** The instance making the call (`server_instances.id`), which recovery reads while it is in flight. */
    owner: text('owner'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    // Recovery looks only at calls still in flight, by owner.
    index('llm_calls_in_flight_idx')
      .on(t.owner)
      .where(sql`${t.outcome} = 'in_flight'`),
    index('llm_calls_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('llm_calls_workspace_agent_created_idx').on(t.workspaceId, t.agentId, t.createdAt, t.id),
    // A conversation's or a task's calls (the trace views), newest first, without reading the whole ledger.
    index('llm_calls_workspace_conversation_created_idx').on(t.workspaceId, t.conversationId, t.createdAt, t.id),
    index('llm_calls_workspace_task_created_idx').on(t.workspaceId, t.taskId, t.createdAt, t.id),
    index('llm_calls_workspace_run_created_idx').on(t.workspaceId, t.runId, t.createdAt, t.id),
  ],
);

/**
 * The server processes alive now, each with its heartbeat (written by its own clock). Work rows name
 * their owner here (`agent_tasks.owner`, `conversations.turn_owner`, `llm_calls.owner`); work whose owner
 * is not registered is abandoned, and any server recovers it (`recoverAbandonedWork`).
 */
export const serverInstances = pgTable('server_instances', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, precision: 3 }).notNull(),
});
