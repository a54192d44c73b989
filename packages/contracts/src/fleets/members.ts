import { z } from 'zod';
import { AgentAdminStateSchema, AgentObservedStateSchema, SkillSchema } from '../agents.js';

/**
 * A member's part in its fleet: `manager` chooses for the `manager` strategy, `aggregator` merges a
 * broadcast's answers, `worker` and `reviewer` take tasks.
 */
export const FLEET_MEMBER_ROLES = ['manager', 'worker', 'reviewer', 'aggregator'] as const;
export const FleetMemberRoleSchema = z.enum(FLEET_MEMBER_ROLES).meta({ id: 'FleetMemberRole' });
export type FleetMemberRole = z.infer<typeof FleetMemberRoleSchema>;

/** Most members a fleet holds, and so most delegates a member names. */
export const MAX_FLEET_MEMBERS = 200;

const fields = {
  role: FleetMemberRoleSchema,
  /** Share of the work under weighted strategies, > 0 and ≤ 1,000. Default 1. */
  weight: z.number().gt(0, 'Weight must be greater than 0').max(1000),
  /** Tasks the member runs at once (its capacity), 1–1,000. Default 1. */
  maxConcurrent: z.int().min(1).max(1000),
  /** What the member is good at, matched against a task's required skills. At most 50. Default none. */
  skills: z
    .array(SkillSchema)
    .max(50, 'At most 50 skills')
    .refine((list) => new Set(list).size === list.length, 'Skills must be unique'),
  /** Agent ids of members of the same fleet this member may hand work to. Default none. */
  allowedDelegates: z
    .array(z.uuid('Must be an agent id'))
    .max(MAX_FLEET_MEMBERS, `At most ${MAX_FLEET_MEMBERS} delegates`)
    .refine((list) => new Set(list).size === list.length, 'Delegates must be unique'),
};

export const FleetMemberSchema = z
  .object({
    fleetId: z.uuid(),
    agentId: z.uuid(),
    agentName: z.string(),
    role: FleetMemberRoleSchema,
    weight: z.number(),
    maxConcurrent: z.int(),
    skills: z.array(z.string()),
    allowedDelegates: z.array(z.uuid()),
    /** The agent's lifecycle as of this read: the state people set, and the one the system derives. */
    adminState: AgentAdminStateSchema,
    observedState: AgentObservedStateSchema,
    /** Running tasks of this fleet it holds now; with `maxConcurrent`, the capacity in use. */
    inFlight: z.int().min(0),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'FleetMember' });
export type FleetMember = z.infer<typeof FleetMemberSchema>;

export const FleetMemberListSchema = z.object({ items: z.array(FleetMemberSchema) }).meta({ id: 'FleetMemberList' });

export const FleetMemberCreateSchema = z
  .strictObject({
    agentId: z.uuid('Must be an agent id'),
    role: fields.role.default('worker'),
    weight: fields.weight.default(1),
    maxConcurrent: fields.maxConcurrent.default(1),
    skills: fields.skills.default([]),
    allowedDelegates: fields.allowedDelegates.default([]),
  })
  .meta({ id: 'FleetMemberCreate' });
export type FleetMemberCreate = z.input<typeof FleetMemberCreateSchema>;
export type FleetMemberCreateInput = z.output<typeof FleetMemberCreateSchema>;

/** A partial update of a member: fields present replace their stored values. */
export const FleetMemberUpdateSchema = z.strictObject(fields).partial().meta({ id: 'FleetMemberUpdate' });
export type FleetMemberUpdate = z.input<typeof FleetMemberUpdateSchema>;
export type FleetMemberUpdateInput = z.output<typeof FleetMemberUpdateSchema>;

export const FleetMemberParamsSchema = z.strictObject({
  id: z.uuid('Must be a UUID'),
  agentId: z.uuid('Must be a UUID'),
});
