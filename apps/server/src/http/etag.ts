import type { VersionCheck } from '@agent-fleet/core';
import { z } from 'zod';

/** Entity tags are the resource version: `"3"`. */
export const etag = (version: number): string => `"${version}"`;

/**
 * An `If-Match` header, as the version it requires (if any). `*` only requires existence, which every
 * update checks anyway. Weak tags (`W/"3"`) are accepted: the version is exact either way.
 */
export const IfMatchSchema = z
  .string()
  .regex(/^\s*(?:\*|(?:W\/)?"\d{1,9}")\s*$/, 'If-Match must be an entity tag such as "3"')
  .optional()
  .transform((header): VersionCheck | undefined => {
    const version = header === undefined ? undefined : /"(\d+)"/.exec(header)?.[1];
    return version === undefined ? undefined : { source: 'if-match', version: Number(version) };
  })
  .meta({ description: 'The version the request requires, e.g. `"3"` (412 `precondition_failed` when stale)' });

/** The request headers of a conditional write. */
export const ConditionalHeadersSchema = z.object({ 'if-match': IfMatchSchema });
