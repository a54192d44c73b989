import { z } from 'zod';
import { VersionNumberSchema } from '../versions.js';
import { AgentNameSchema } from '../agents.js';
import { CursorSchema, PageLimitSchema, pageSchema } from '../pagination.js';
import { DurationSchema } from '../pipelines/definition.js';
import { TextSchema } from '../text.js';
import { FleetMemberSchema } from './members.js';
import { FleetStrategySchema } from './strategy.js';

/**
 * What an operator set: `active` takes new work, `paused` takes none (work in progress finishes),
 * `draining` takes none and becomes `paused` once nothing is in flight.
 */
export const FLEET_ADMIN_STATES = ['active', 'paused', 'draining'] as const;
export const FleetAdminStateSchema = z.enum(FLEET_ADMIN_STATES).meta({ id: 'FleetAdminState' });
export type FleetAdminState = z.infer<typeof FleetAdminStateSchema>;

/** Fleet names follow agent names: unique per workspace regardless of case. */
export const FleetNameSchema = AgentNameSchema;

const description = TextSchema.trim().max(2000, 'Description must be at most 2,000 characters');

/** Defaults of a fleet's limits (docs/fleets.md). */
export const FLEET_LIMIT_DEFAULTS = {
  maxDelegationDepth: 3,
  maxHopsPerRootTask: 20,
  budgetUsdPerRootTask: null,
  taskTimeout: '10m',
} as const;

const limitFields = {
  /** How deep delegation may go along a parent-task chain, 0–10 (0: members may not delegate). Default 3. */
  maxDelegationDepth: z.int().min(0).max(10),
  /** Tasks one root task may spawn in total, 1–1,000. Default 20. */
  maxHopsPerRootTask: z.int().min(1).max(1000),
  /** Spending cap per root task in USD, summed from the ledger; null means no cap. Default null. */
  budgetUsdPerRootTask: z.number().min(0).max(100_000).nullable(),
  /** How long a task may take, e.g. `10m`. Default `10m`. */
  taskTimeout: DurationSchema,
};

export const FleetLimitsSchema = z
  .strictObject({
    maxDelegationDepth: limitFields.maxDelegationDepth.default(FLEET_LIMIT_DEFAULTS.maxDelegationDepth),
    maxHopsPerRootTask: limitFields.maxHopsPerRootTask.default(FLEET_LIMIT_DEFAULTS.maxHopsPerRootTask),
    budgetUsdPerRootTask: limitFields.budgetUsdPerRootTask.default(FLEET_LIMIT_DEFAULTS.budgetUsdPerRootTask),
    taskTimeout: limitFields.taskTimeout.default(FLEET_LIMIT_DEFAULTS.taskTimeout),
  })
  .meta({ id: 'FleetLimits' });
export type FleetLimits = z.output<typeof FleetLimitsSchema>;

/** A change to the limits: the fields present replace theirs, the others keep their stored values. */
export const FleetLimitsUpdateSchema = z.strictObject(limitFields).partial().meta({ id: 'FleetLimitsUpdate' });

/** Tasks the fleet runs at once, 1–10,000. Default 10. */
const maxConcurrency = z.int().min(1).max(10_000);
/** Tasks that may wait when the fleet is at capacity, 0–100,000 (0: none wait, the excess is refused). Default 1,000. */
const queueLimit = z.int().min(0).max(100_000);

export const FleetSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    strategy: FleetStrategySchema,
    adminState: FleetAdminStateSchema,
    maxConcurrency: z.int(),
    queueLimit: z.int(),
    limits: FleetLimitsSchema,
    memberCount: z.int().min(0),
    version: z.int().min(1),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Fleet' });
export type Fleet = z.infer<typeof FleetSchema>;

/** A fleet with its members, as one reads, creates and updates it. */
export const FleetDetailSchema = FleetSchema.extend({ members: z.array(FleetMemberSchema) }).meta({ id: 'FleetDetail' });
export type FleetDetail = z.infer<typeof FleetDetailSchema>;

export const FleetCreateSchema = z
  .strictObject({
    name: FleetNameSchema,
    description: description.default(''),
    strategy: FleetStrategySchema.default({ type: 'round_robin', weighted: false }),
    /**
     * `active` or `paused`. When absent, the fleet starts `active` unless its strategy needs a member it
     * cannot have yet (a `manager`, or a broadcast's `aggregator`): then it starts `paused`.
     */
    adminState: z.enum(['active', 'paused']).optional(),
    maxConcurrency: maxConcurrency.default(10),
    queueLimit: queueLimit.default(1000),
    limits: FleetLimitsSchema.default({ ...FLEET_LIMIT_DEFAULTS }),
  })
  .meta({ id: 'FleetCreate' });
export type FleetCreate = z.input<typeof FleetCreateSchema>;
export type FleetCreateInput = z.output<typeof FleetCreateSchema>;

/**
 * A partial update: fields present replace their stored values, except `limits`, whose fields present
 * replace theirs. `version`, when given, must equal the stored version (else 409). The admin state
 * changes through `PUT /fleets/{id}/admin-state`.
 */
export const FleetUpdateSchema = z
  .strictObject({
    name: FleetNameSchema,
    description,
    strategy: FleetStrategySchema,
    maxConcurrency,
    queueLimit,
    limits: FleetLimitsUpdateSchema,
    version: VersionNumberSchema,
  })
  .partial()
  .meta({ id: 'FleetUpdate' });
export type FleetUpdate = z.input<typeof FleetUpdateSchema>;
export type FleetUpdateInput = z.output<typeof FleetUpdateSchema>;

export const FleetAdminStateChangeSchema = z
  .strictObject({
    adminState: FleetAdminStateSchema,
    /** Why, for the audit log. */
    reason: TextSchema.trim().max(500, 'Reason must be at most 500 characters').default(''),
  })
  .meta({ id: 'FleetAdminStateChange' });
export type FleetAdminStateChange = z.input<typeof FleetAdminStateChangeSchema>;

/** `?adminState=active,paused` or `?adminState=active&adminState=paused`. */
const adminStateList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
  z.array(FleetAdminStateSchema).max(FLEET_ADMIN_STATES.length),
);

export const FleetListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  adminState: adminStateList.optional(),
  /** Case-insensitive substring of the name or the description. */
  q: TextSchema.trim().max(100).optional(),
});
export type FleetListQuery = z.output<typeof FleetListQuerySchema>;

/** Fleets by name (case-insensitive). */
export const FleetPageSchema = pageSchema(FleetSchema).meta({ id: 'FleetPage' });
