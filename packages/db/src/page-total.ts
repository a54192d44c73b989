import { PAGE_COUNT_LIMIT, type PageTotal } from '@agent-fleet/contracts';
import { count, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';

export interface PageTotalOptions {
  /** Rows the page query returned (up to `limit + 1`). */
  rows: number;
  limit: number;
  /** The page was read without a cursor. */
  firstPage: boolean;
  /** Count at most `PAGE_COUNT_LIMIT` matches: for tables that grow without bound. */
  capped: boolean;
}

/**
 * The `total` of a page. A first page that holds every match is its own count, so most lists run one
 * query. Otherwise the matches are counted: exactly, or for a table that grows without bound up to
 * `PAGE_COUNT_LIMIT` (a full COUNT(*) of a long ledger on every page would cost more than the page).
 * `totalIsLowerBound` is set only when the count stopped at the limit.
 */
export async function pageTotal(
  db: Database,
  table: PgTable,
  where: SQL | undefined,
  options: PageTotalOptions,
): Promise<PageTotal> {
  if (options.firstPage && options.rows <= options.limit) return { total: options.rows };
  if (!options.capped) {
    const [row] = await db.select({ total: count() }).from(table).where(where);
    return { total: row?.total ?? 0 };
  }
  const matches = db
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .limit(PAGE_COUNT_LIMIT + 1)
    .as('matches');
  const [row] = await db.select({ total: count() }).from(matches);
  const total = row?.total ?? 0;
  return total > PAGE_COUNT_LIMIT ? { total: PAGE_COUNT_LIMIT, totalIsLowerBound: true } : { total };
}
