import { AuditActionSchema, type AuditAction } from '@agent-fleet/contracts';
import type { QueryValue } from '../../lib/api-client';

export interface AuditFilters {
  action: AuditAction | '';
  /** Inclusive calendar days, "YYYY-MM-DD" in the user's time zone; '' for open-ended. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: AuditFilters = { action: '', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null): string => (value !== null && DAY.test(value) ? value : '');

/** Filters from the URL; anything malformed is ignored rather than sent. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const action = AuditActionSchema.safeParse(params.get('action'));
  return { action: action.success ? action.data : '', from: day(params.get('from')), to: day(params.get('to')) };
}

export const hasAuditFilters = (filters: AuditFilters): boolean =>
  filters.action !== '' || filters.from !== '' || filters.to !== '';

/** "To" before "from" can match nothing; said beside the fields instead of asking the server. */
export const invalidRange = (filters: AuditFilters): boolean =>
  filters.from !== '' && filters.to !== '' && filters.to < filters.from;

const startOfDay = (value: string) => (value === '' ? undefined : new Date(`${value}T00:00:00`).toISOString());
const endOfDay = (value: string) => (value === '' ? undefined : new Date(`${value}T23:59:59.999`).toISOString());

/** The API's query: whole local days turned into instants. */
export const toAuditQuery = (filters: AuditFilters): Record<string, QueryValue> => ({
  action: filters.action,
  from: startOfDay(filters.from),
  to: endOfDay(filters.to),
});
