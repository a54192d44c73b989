import { z } from 'zod';
import { TextSchema } from './text.js';

/** Page size: 1–100, default 20. */
export const PageLimitSchema = z.coerce.number().int().min(1).max(100).default(20);

/** An opaque cursor returned as `nextCursor` by a previous page. */
export const CursorSchema = TextSchema.min(1).max(512);

/** Lists that grow without bound (conversations, messages, tasks, LLM calls) count at most this many matches. */
export const PAGE_COUNT_LIMIT = 1000;

/**
 * A page of items: `nextCursor` is null on the last page; `total` counts all matches of the filters.
 * Lists that grow without bound stop counting past `PAGE_COUNT_LIMIT`: then `total` is that limit and
 * `totalIsLowerBound` is true ("1,000 or more"). The flag is absent or false when `total` is exact.
 */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.int().min(0),
    totalIsLowerBound: z.boolean().optional(),
  });

/** How many items match a list's filters (see `pageSchema`). */
export interface PageTotal {
  total: number;
  totalIsLowerBound?: boolean;
}

export interface Page<T> extends PageTotal {
  items: T[];
  nextCursor: string | null;
}
