import { z } from 'zod';
import { TextSchema } from './text.js';

export const RESOURCES = [
  'agents',
  'fleets',
  'pipelines',
  'runs',
  'prompts',
  'connectors',
  'members',
  'settings',
  'api-keys',
  'audit',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['read', 'create', 'update', 'delete', 'execute', 'manage'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * A permission is `resource:action`, e.g. `agents:update`, or one of the few that name a decision rather
 * than an action on a resource: `runs:approve` (decide a pipeline run's approval step).
 */
export type Permission = `${Resource}:${Action}` | 'runs:approve';

/** Permissions outside the resource × action grid: decisions rather than actions on a resource. */
export const DECISION_PERMISSIONS = ['runs:approve'] as const satisfies readonly Permission[];

export const ALL_PERMISSIONS: readonly Permission[] = [
  ...RESOURCES.flatMap((resource) => ACTIONS.map((action): Permission => `${resource}:${action}`)),
  ...DECISION_PERMISSIONS,
];
export const PermissionSchema = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]).meta({ id: 'Permission' });

export const BUILT_IN_ROLES = ['owner', 'admin', 'editor', 'operator', 'viewer'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Resources that hold the fleet's work, as opposed to workspace administration. */
const DOMAIN: readonly Resource[] = ['agents', 'fleets', 'pipelines', 'runs', 'prompts', 'connectors'];
const grant = (resources: readonly Resource[], actions: readonly Action[]): Permission[] =>
  resources.flatMap((resource) => actions.map((action): Permission => `${resource}:${action}`));
const OWN_API_KEYS = grant(['api-keys'], ['read', 'create', 'delete']);

/**
 * What each built-in role may do. Owners and admins hold every permission; what sets owners apart
 * (only an owner can grant, change or remove the owner role) is enforced by the member service.
 */
export const BUILT_IN_ROLE_PERMISSIONS: Readonly<Record<BuiltInRole, readonly Permission[]>> = {
  owner: ALL_PERMISSIONS,
  admin: ALL_PERMISSIONS,
  editor: [
    ...grant(DOMAIN, ['read', 'create', 'update', 'delete', 'execute']),
    'runs:approve',
    'members:read',
    'settings:read',
    ...OWN_API_KEYS,
  ],
  operator: [
    ...grant(DOMAIN, ['read']),
    ...grant(['agents', 'fleets', 'pipelines', 'runs'], ['execute']),
    'runs:create',
    'runs:update',
    'runs:approve',
    'members:read',
    ...OWN_API_KEYS,
  ],
  viewer: [...grant(DOMAIN, ['read']), 'members:read'],
};

export const isBuiltInRole = (role: string): role is BuiltInRole => (BUILT_IN_ROLES as readonly string[]).includes(role);

/** Role names are lowercase slugs; built-in names are reserved. */
export const RoleNameSchema = TextSchema.trim()
  .min(2, { error: 'Role names have at least 2 characters', abort: true })
  .max(40, 'Role names have at most 40 characters')
  .regex(/^[a-z][a-z0-9-]*$/, 'Use lowercase letters, digits and dashes, starting with a letter');

export const RoleSchema = z
  .object({
    id: z.uuid().nullable(),
    name: z.string(),
    description: z.string(),
    permissions: z.array(PermissionSchema),
    builtIn: z.boolean(),
    memberCount: z.int().min(0),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof RoleSchema>;

const permissionSet = z
  .array(PermissionSchema)
  .max(ALL_PERMISSIONS.length)
  .refine((list) => new Set(list).size === list.length, 'Permissions must be unique');

export const RoleCreateSchema = z
  .strictObject({
    name: RoleNameSchema.refine((name) => !isBuiltInRole(name), 'This name is reserved for a built-in role'),
    description: TextSchema.trim().max(500).default(''),
    permissions: permissionSet,
  })
  .meta({ id: 'RoleCreate' });
export type RoleCreate = z.input<typeof RoleCreateSchema>;

export const RoleUpdateSchema = z
  .strictObject({ description: TextSchema.trim().max(500), permissions: permissionSet })
  .partial()
  .meta({ id: 'RoleUpdate' });

export const RoleListSchema = z
  .object({ items: z.array(RoleSchema), permissions: z.array(PermissionSchema) })
  .meta({ id: 'RoleList' });
