import { z } from 'zod';

const inStorableRange = (value: string): boolean => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
};

/**
 * An instant in a request: ISO 8601 with `Z` or an offset, normalised to UTC (`toISOString()`). zod's
 * format admits offsets up to ±23:59 and year 0, which PostgreSQL's `timestamptz` refuses (a 500 once);
 * normalising first means the database only ever sees `YYYY-MM-DDTHH:MM:SS.sssZ` in years 1–9999.
 */
export const TimestampSchema = z.iso
  .datetime({ offset: true })
  .refine(inStorableRange, { error: 'Use a date between the years 1 and 9999', when: (payload) => payload.issues.length === 0 })
  .transform((value) => new Date(value).toISOString());
