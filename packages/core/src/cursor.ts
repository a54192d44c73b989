import { isStorableText } from '@agent-fleet/contracts';
import { AppError } from './app-error.js';

/** The position after which the next page starts: the sort key's value and the id as tie-breaker. */
export interface CursorPosition {
  sort: string;
  value: string;
  id: string;
}

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString('base64url');

/** What a sort key's values look like, so a forged cursor is refused here rather than failing a SQL cast. */
export type CursorValueKind = 'text' | 'timestamp' | 'sequence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VALUE_PATTERNS: Record<CursorValueKind, RegExp> = {
  text: /^[\s\S]{0,500}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  sequence: /^\d{1,18}$/,
};

/**
 * Decodes a cursor made by `encodeCursor` for the same sort; anything else is a 400. The cursor comes
 * from the client, so its id must be a UUID and its value of the sort key's `kind`.
 */
export function decodeCursor(cursor: string, sort: string, kind: CursorValueKind): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string') || parsed[0] !== sort) {
    throw invalidCursor();
  }
  const [, value, id] = parsed as [string, string, string];
  if (!UUID.test(id) || !VALUE_PATTERNS[kind].test(value)) throw invalidCursor();
  if (kind === 'text' && !isStorableText(value)) throw invalidCursor();
  if (kind === 'timestamp' && !isCanonicalTimestamp(value)) throw invalidCursor();
  return { sort, value, id };
}

/**
 * Cursors carry `toISOString()` values; anything else (`2026-02-30T…`, which `Date.parse` rolls over to
 * March but PostgreSQL refuses, or year 0) cannot have come from us.
 */
function isCanonicalTimestamp(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const date = new Date(time);
  return date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 && date.toISOString() === value;
}

const invalidCursor = () =>
  new AppError('invalid_cursor', 'The cursor is malformed or belongs to another sort order; start again without it');

/**
 * Turns the `limit + 1` rows a repository returned into one page: the extra row only says that a
 * next page exists, whose cursor is the position of the page's last item under `sort`.
 */
export function pageAfter<T extends { id: string }>(
  rows: T[],
  limit: number,
  sort: string,
  sortValue: (item: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ sort, value: sortValue(last), id: last.id }) : null;
  return { items, nextCursor };
}
