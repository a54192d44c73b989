import { invalidField, type VersionCheck } from '@agent-fleet/core';

/** Entity tags are the resource version: `"3"`. */
export const etag = (version: number): string => `"${version}"`;

/**
 * The version an `If-Match` header requires, if any. `*` only requires existence, which every
 * update checks anyway. Weak tags (`W/"3"`) are accepted: the version is exact either way.
 */
export function ifMatch(header: string | undefined): VersionCheck | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw invalidField('header.if-match', 'If-Match must be an entity tag such as "3"');
  return { source: 'if-match', version: Number(match[1]) };
}
