/**
 * The permission grid and the built-in roles, as plain values: no schema library, so the web app's shell
 * can name roles and check permissions without downloading zod. The schemas are in rbac.ts.
 */
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
