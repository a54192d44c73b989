import { z } from 'zod';
import { TextSchema } from './text.js';
import { PermissionSchema } from './rbac.js';

export const EmailSchema = TextSchema.trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address'));

/** NIST 800-63B: length over composition rules. */
export const PasswordSchema = TextSchema.min(10, 'Passwords have at least 10 characters').max(
  256,
  'Passwords have at most 256 characters',
);

export const PersonNameSchema = TextSchema.trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');

export const UserSchema = z
  .object({ id: z.uuid(), email: z.string(), name: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const SignupSchema = z
  .strictObject({
    email: EmailSchema,
    password: PasswordSchema,
    name: PersonNameSchema,
    /** An invitation token; required once the first owner exists, unless open sign-up is enabled. */
    inviteToken: TextSchema.min(10).max(200).optional(),
  })
  .meta({ id: 'Signup' });
export type Signup = z.input<typeof SignupSchema>;

/** Sign-out takes an empty object or no body at all. */
export const LogoutSchema = z.strictObject({}).optional();

export const LoginSchema = z
  .strictObject({ email: EmailSchema, password: TextSchema.min(1, 'Password is required').max(256) })
  .meta({ id: 'Login' });
export type Login = z.input<typeof LoginSchema>;

export const SessionSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    /** Seconds until the access token expires. */
    expiresIn: z.int(),
    user: UserSchema,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const SetupStatusSchema = z.object({ needsSetup: z.boolean(), signupOpen: z.boolean() }).meta({ id: 'SetupStatus' });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const MembershipSchema = z
  .object({
    workspaceId: z.uuid(),
    workspaceName: z.string(),
    workspaceSlug: z.string(),
    role: z.string(),
    permissions: z.array(PermissionSchema),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof MembershipSchema>;

export const MeSchema = z.object({ user: UserSchema, memberships: z.array(MembershipSchema) }).meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const ProfileUpdateSchema = z.strictObject({ name: PersonNameSchema }).meta({ id: 'ProfileUpdate' });

export const PasswordChangeSchema = z
  .strictObject({ currentPassword: TextSchema.min(1, 'Current password is required').max(256), newPassword: PasswordSchema })
  .meta({ id: 'PasswordChange' });
export type PasswordChange = z.input<typeof PasswordChangeSchema>;

/** Which workspace a request acts in; optional, defaulting to the caller's first workspace. */
export const WORKSPACE_HEADER = 'X-Workspace-Id';
