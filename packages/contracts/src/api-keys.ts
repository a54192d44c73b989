import { z } from 'zod';
import { TextSchema } from './text.js';
import { TimestampSchema } from './timestamp.js';

/** API keys look like `af_<8-char id>_<secret>`; the prefix `af_<id>` is shown, the rest never again. */
export const API_KEY_PREFIX = 'af_';

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    role: z.string(),
    createdBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).meta({ id: 'ApiKeyList' });
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string() }).meta({ id: 'ApiKeyCreated' });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

export const ApiKeyCreateSchema = z
  .strictObject({
    name: TextSchema.trim().min(1, 'Name is required').max(100),
    /** A role no higher than the creator's own. */
    role: TextSchema.trim().min(1).max(40),
    /** Optional expiry, in the future. */
    expiresAt: TimestampSchema.refine((value) => Date.parse(value) > Date.now(), 'Expiry must be in the future').optional(),
  })
  .meta({ id: 'ApiKeyCreate' });
export type ApiKeyCreate = z.input<typeof ApiKeyCreateSchema>;
