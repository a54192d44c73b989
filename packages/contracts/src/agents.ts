import { z } from 'zod';
import { VersionNumberSchema } from './versions.js';
import { jsonRecord, TextSchema } from './text.js';
import { CursorSchema, PageLimitSchema, pageSchema } from './pagination.js';
import { BaseUrlSchema } from './base-url.js';

/**
 * The agent lifecycle (docs/fleets.md): the admin state people set, apart from the observed state the
 * system derives. `paused` and `disabled` take no new work; `draining` takes none either and becomes
 * `paused` by itself once nothing is in flight (or at its timeout).
 */
export const AGENT_ADMIN_STATES = ['active', 'paused', 'draining', 'disabled'] as const;
export const AgentAdminStateSchema = z.enum(AGENT_ADMIN_STATES).meta({ id: 'AgentAdminState' });
export type AgentAdminState = z.infer<typeof AgentAdminStateSchema>;

/** Derived: `busy` with tasks in flight, `error` after repeated recent failures, `offline` when its provider is down. */
export const AGENT_OBSERVED_STATES = ['idle', 'busy', 'error', 'offline'] as const;
export const AgentObservedStateSchema = z.enum(AGENT_OBSERVED_STATES).meta({ id: 'AgentObservedState' });
export type AgentObservedState = z.infer<typeof AgentObservedStateSchema>;

/** `model`: runs its tasks with its model and tools; `a2a`: hands them to a remote A2A agent (docs/fleets.md). */
export const AGENT_KINDS = ['model', 'a2a'] as const;
export const AgentKindSchema = z.enum(AGENT_KINDS).meta({ id: 'AgentKind' });
export type AgentKind = z.infer<typeof AgentKindSchema>;

const slug = /^[a-z0-9][a-z0-9._-]*$/;

export const AgentNameSchema = TextSchema.trim()
  .min(1, { error: 'Name is required', abort: true })
  .max(100, 'Name must be at most 100 characters')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
    'Use letters, digits, spaces, dots, dashes or underscores; start with a letter or digit',
  );

export const SkillSchema = TextSchema.trim()
  .toLowerCase()
  .min(1, 'Skill must not be empty')
  .max(50, 'Skill must be at most 50 characters')
  .regex(slug, 'Skills are lowercase words: letters, digits, ".", "_" or "-"');

export const ModelRefSchema = z
  .strictObject({
    provider: TextSchema.trim()
      .min(1, 'Provider is required')
      .max(64)
      .regex(slug, 'Provider ids are lowercase slugs, e.g. "openai"'),
    model: TextSchema.trim().min(1, 'Model is required').max(200),
  })
  .meta({ id: 'ModelRef' });
export type ModelRef = z.infer<typeof ModelRefSchema>;

export const AgentModelSchema = ModelRefSchema.extend({
  /** Sampling temperature, 0–2. Provider default when absent. */
  temperature: z.number().min(0).max(2).optional(),
  /** Maximum output tokens per call. */
  maxTokens: z.int().min(1).max(1_000_000).optional(),
  /** Nucleus sampling, 0–1. */
  topP: z.number().min(0).max(1).optional(),
  /** Models tried in order when the primary one fails. Default: none. */
  fallbacks: z.array(ModelRefSchema).max(5, 'At most 5 fallback models').default([]),
}).meta({ id: 'AgentModel' });
export type AgentModel = z.infer<typeof AgentModelSchema>;

/** A prompt template reference: `name@label` or `name@version`, e.g. `triage@production`. */
export const TemplateRefSchema = TextSchema.trim()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*@[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Use name@label or name@version, e.g. "triage@production"');

export const SystemPromptSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('inline'),
      text: TextSchema.max(100_000, 'System prompt must be at most 100,000 characters'),
    }),
    z.strictObject({ type: z.literal('template'), ref: TemplateRefSchema }),
  ])
  .meta({ id: 'SystemPrompt' });
export type SystemPrompt = z.infer<typeof SystemPromptSchema>;

export const AgentLimitsSchema = z
  .strictObject({
    /** Tool-loop iterations per task, 1–100. Default 10. */
    maxIterations: z.int().min(1).max(100).default(10),
    /** Spending cap per task in USD; null means no cap. Default null. */
    maxCostPerTaskUsd: z.number().min(0).max(100_000).nullable().default(null),
  })
  .meta({ id: 'AgentLimits' });
export type AgentLimits = z.infer<typeof AgentLimitsSchema>;

export const MetadataSchema = jsonRecord({
  maxKeyLength: 100,
  maxJsonLength: 16_384,
  sizeError: 'Metadata must be at most 16 KiB of JSON',
});

const skills = z
  .array(SkillSchema)
  .max(50, 'At most 50 skills')
  .refine((list) => new Set(list).size === list.length, 'Skills must be unique');

const tools = z.array(TextSchema.trim().min(1).max(100)).max(50, 'At most 50 tools');

const HeaderNameSchema = TextSchema.trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'Use a valid HTTP header name, e.g. "X-API-Key"');

/**
 * How a remote agent's credential is sent: `Authorization: Bearer <secret>`, or the secret in a header
 * (`headerName`, default `X-API-Key`). The secret itself is write-only: `secret` sets it, `null` removes
 * it, absent keeps the stored one; it is stored encrypted and never returned.
 */
export const RemoteCredentialInputSchema = z
  .strictObject({
    type: z.enum(['bearer', 'apiKey']),
    headerName: HeaderNameSchema.optional(),
    secret: TextSchema.min(1, 'The secret must not be empty').max(4096).nullable().optional(),
  })
  .refine((credential) => credential.type === 'apiKey' || credential.headerName === undefined, {
    path: ['headerName'],
    message: 'A header name goes only with an apiKey credential',
  })
  .meta({ id: 'RemoteCredentialInput' });

/** A remote A2A agent: where its Agent Card is and how to authenticate to it. */
export const AgentRemoteInputSchema = z
  .strictObject({
    /** The remote's Agent Card, e.g. `https://agents.example.com/.well-known/agent-card.json`. */
    cardUrl: BaseUrlSchema,
    credential: RemoteCredentialInputSchema.nullable().default(null),
  })
  .meta({ id: 'AgentRemoteInput' });
export type AgentRemoteInput = z.output<typeof AgentRemoteInputSchema>;

/** The last health check of a remote agent: its card answered (`online`) or not (`offline`, with why). */
export const RemoteHealthSchema = z
  .object({ state: z.enum(['online', 'offline']), reason: z.string().nullable(), checkedAt: z.iso.datetime() })
  .meta({ id: 'RemoteHealth' });
export type RemoteHealth = z.infer<typeof RemoteHealthSchema>;

export const AgentRemoteSchema = z
  .object({
    cardUrl: z.string(),
    /** `stored` says a secret is kept; the secret itself is never returned. */
    credential: z
      .object({ type: z.enum(['bearer', 'apiKey']), headerName: z.string().nullable(), stored: z.boolean() })
      .nullable(),
    /** The last health check; null before the first. */
    health: RemoteHealthSchema.nullable(),
  })
  .meta({ id: 'AgentRemote' });
export type AgentRemote = z.infer<typeof AgentRemoteSchema>;

/** A model agent needs its model; an a2a agent needs its remote (and ignores model, system prompt and tools). */
const checkKind = (
  agent: { kind?: AgentKind | undefined; model?: unknown; remote?: unknown },
  context: z.core.$RefinementCtx,
): void => {
  if (agent.kind === 'a2a' && agent.remote === undefined)
    context.addIssue({ code: 'custom', path: ['remote'], message: 'An a2a agent needs remote.cardUrl', input: agent });
  if (agent.kind !== 'a2a' && agent.remote !== undefined)
    context.addIssue({ code: 'custom', path: ['remote'], message: 'remote goes only with kind "a2a"', input: agent });
};

export const AgentSchema = z
  .object({
    id: z.uuid(),
    workspaceId: z.uuid(),
    name: z.string(),
    description: z.string(),
    role: z.string(),
    skills: z.array(z.string()),
    /** `model` (default) or `a2a`. */
    kind: AgentKindSchema,
    /** An a2a agent's placeholder is `{ provider: "a2a", model: <card host> }`: its model is the remote's. */
    model: AgentModelSchema,
    /** An a2a agent's remote; null for a model agent. */
    remote: AgentRemoteSchema.nullable(),
    systemPrompt: SystemPromptSchema,
    tools: z.array(z.string()),
    limits: AgentLimitsSchema,
    metadata: z.record(z.string(), z.unknown()),
    /** Set by people through `PUT /api/v1/agents/{id}/admin-state`. */
    adminState: AgentAdminStateSchema,
    /** Derived from its tasks when read. */
    observedState: AgentObservedStateSchema,
    version: z.int().min(1),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Agent' });
export type Agent = z.infer<typeof AgentSchema>;

export const AgentCreateSchema = z
  .strictObject({
    name: AgentNameSchema,
    description: TextSchema.trim().max(2000, 'Description must be at most 2,000 characters').default(''),
    role: TextSchema.trim().max(100, 'Role must be at most 100 characters').default(''),
    skills: skills.default([]),
    kind: AgentKindSchema.default('model'),
    /** Required for a model agent; ignored for an a2a agent. */
    model: AgentModelSchema.optional(),
    /** Required for an a2a agent; refused for a model agent. */
    remote: AgentRemoteInputSchema.optional(),
    systemPrompt: SystemPromptSchema.default({ type: 'inline', text: '' }),
    tools: tools.default([]),
    limits: AgentLimitsSchema.default({ maxIterations: 10, maxCostPerTaskUsd: null }),
    metadata: MetadataSchema.default({}),
  })
  .superRefine((agent, context) => {
    checkKind(agent, context);
    if (agent.kind !== 'a2a' && agent.model === undefined)
      context.addIssue({ code: 'custom', path: ['model'], message: 'A model agent needs a model', input: agent });
  })
  .meta({ id: 'AgentCreate' });
export type AgentCreate = z.input<typeof AgentCreateSchema>;
export type AgentCreateInput = z.output<typeof AgentCreateSchema>;

/**
 * A partial update. Each top-level field present replaces the stored value whole (nested objects
 * such as `model` are not merged). `version`, when given, must equal the stored version (else 409).
 */
export const AgentUpdateSchema = z
  .strictObject({
    name: AgentNameSchema,
    description: TextSchema.trim().max(2000, 'Description must be at most 2,000 characters'),
    role: TextSchema.trim().max(100, 'Role must be at most 100 characters'),
    skills,
    /** The kind cannot change: given, it must equal the stored one. */
    kind: AgentKindSchema,
    model: AgentModelSchema,
    /** Only for an a2a agent. A card URL on another origin drops the stored secret unless a new one is given. */
    remote: AgentRemoteInputSchema,
    systemPrompt: SystemPromptSchema,
    tools,
    limits: AgentLimitsSchema,
    metadata: MetadataSchema,
    version: VersionNumberSchema,
  })
  .partial()
  .meta({ id: 'AgentUpdate' });
export type AgentUpdate = z.input<typeof AgentUpdateSchema>;
export type AgentUpdateInput = z.output<typeof AgentUpdateSchema>;

export const AGENT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export const AgentSortSchema = z.enum(AGENT_SORTS);
export type AgentSort = z.infer<typeof AgentSortSchema>;

/** `?observedState=idle,busy` or `?observedState=idle&observedState=busy`; the same for `adminState`. */
const commaList = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(item).max(max));

export const AgentListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  observedState: commaList(AgentObservedStateSchema, AGENT_OBSERVED_STATES.length).optional(),
  adminState: commaList(AgentAdminStateSchema, AGENT_ADMIN_STATES.length).optional(),
  skill: SkillSchema.optional(),
  /** Case-insensitive substring of the name. */
  q: TextSchema.trim().max(100).optional(),
  sort: AgentSortSchema.default('-createdAt'),
});
export type AgentListQuery = z.output<typeof AgentListQuerySchema>;

export const AgentPageSchema = pageSchema(AgentSchema).meta({ id: 'AgentPage' });

export const IdParamsSchema = z.strictObject({ id: z.uuid('Must be a UUID') });

/** The longest drain timeout: one day. */
export const MAX_DRAIN_TIMEOUT_SECONDS = 86_400;

export const AgentAdminStateChangeSchema = z
  .strictObject({
    adminState: AgentAdminStateSchema,
    /** Why, for the state history and the audit log. Default: empty. */
    reason: TextSchema.trim().max(500, 'Reason must be at most 500 characters').default(''),
    /** Only with `draining`: pause at this many seconds even if work is still in flight. Default: no timeout. */
    timeoutSeconds: z.int().min(1).max(MAX_DRAIN_TIMEOUT_SECONDS).optional(),
  })
  .refine((change) => change.timeoutSeconds === undefined || change.adminState === 'draining', {
    path: ['timeoutSeconds'],
    message: 'A timeout goes only with draining',
  })
  .meta({ id: 'AgentAdminStateChange' });
export type AgentAdminStateChange = z.input<typeof AgentAdminStateChangeSchema>;
export type AgentAdminStateChangeInput = z.output<typeof AgentAdminStateChangeSchema>;

/** One change of an agent's admin state: who (or `system` for the automatic draining → paused), why, when. */
export const AgentStateChangeSchema = z
  .object({
    id: z.uuid(),
    agentId: z.uuid(),
    fromState: AgentAdminStateSchema,
    toState: AgentAdminStateSchema,
    reason: z.string(),
    actorType: z.enum(['user', 'api_key', 'anonymous', 'system']),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    /** When draining, the moment it pauses regardless of work in flight; else null. */
    drainDeadline: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AgentStateChange' });
export type AgentStateChange = z.infer<typeof AgentStateChangeSchema>;

export const AgentStateHistoryQuerySchema = z.strictObject({ limit: PageLimitSchema, cursor: CursorSchema.optional() });
export type AgentStateHistoryQuery = z.output<typeof AgentStateHistoryQuerySchema>;

export const AgentStateChangePageSchema = pageSchema(AgentStateChangeSchema).meta({ id: 'AgentStateChangePage' });
