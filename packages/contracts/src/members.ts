import { z } from 'zod';
import { TextSchema } from './text.js';
import { EmailSchema } from './auth.js';

export const WorkspaceSchema = z
  .object({ id: z.uuid(), name: z.string(), slug: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'Workspace' });
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const WorkspaceCreateSchema = z
  .strictObject({ name: TextSchema.trim().min(1, 'Name is required').max(100) })
  .meta({ id: 'WorkspaceCreate' });

export const MemberSchema = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    active: z.boolean(),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberListSchema = z.object({ items: z.array(MemberSchema) }).meta({ id: 'MemberList' });

/** Change a member's role, or deactivate (`active: false`) to block their access to this workspace. */
export const MemberUpdateSchema = z
  .strictObject({ role: TextSchema.trim().min(1).max(40), active: z.boolean() })
  .partial()
  .meta({ id: 'MemberUpdate' });
export type MemberUpdate = z.input<typeof MemberUpdateSchema>;

export const UserIdParamsSchema = z.strictObject({ userId: z.uuid() });

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    role: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationListSchema = z.object({ items: z.array(InvitationSchema) }).meta({ id: 'InvitationList' });

export const InvitationCreatedSchema = InvitationSchema.extend({
  /** Shown once; the invitee signs up (or accepts) with it. */
  token: z.string(),
}).meta({ id: 'InvitationCreated' });
export type InvitationCreated = z.infer<typeof InvitationCreatedSchema>;

export const InvitationCreateSchema = z
  .strictObject({
    /** When set, only this address may use the invitation. */
    email: EmailSchema.optional(),
    role: TextSchema.trim().min(1).max(40),
    /** Days until the link expires, 1–30. Default 7. */
    expiresInDays: z.int().min(1).max(30).default(7),
  })
  .meta({ id: 'InvitationCreate' });
export type InvitationCreate = z.input<typeof InvitationCreateSchema>;

export const InvitationAcceptSchema = z.strictObject({ token: TextSchema.min(10).max(200) }).meta({ id: 'InvitationAccept' });
