import { z } from 'zod';
import { ALL_PERMISSIONS, isBuiltInRole, type Permission } from './permissions.js';
import { TextSchema } from './text.js';

export * from './permissions.js';

export const PermissionSchema = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]).meta({ id: 'Permission' });

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
