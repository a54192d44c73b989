/** Page sizes offered by every cursor-paginated list. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** The `limit` of a list URL, or the default when it is missing or not one of the offered sizes. */
export function pageSizeOf(search: URLSearchParams): number {
  const limit = Number(search.get('limit'));
  return (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE;
}
