import { z } from 'zod';
import { TextSchema } from './text.js';

/** Page size: 1–100, default 20. */
export const PageLimitSchema = z.coerce.number().int().min(1).max(100).default(20);

/** An opaque cursor returned as `nextCursor` by a previous page. */
export const CursorSchema = TextSchema.min(1).max(512);

/** A page of items: `nextCursor` is null on the last page; `total` counts all matches of the filters. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.int().min(0),
  });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}
