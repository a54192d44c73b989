const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

// English like the rest of the UI's copy; a German "vor 5 Minuten" inside English sentences reads as a bug.
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const numberFormat = new Intl.NumberFormat();
const usdFormat = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

const toDate = (value: string | number | Date): Date => (value instanceof Date ? value : new Date(value));

/**
 * "just now", "5 minutes ago", "yesterday", "in 2 hours"… Past the point where relative time is
 * useful (a year), falls back to the calendar date.
 */
export function formatRelativeTime(value: string | number | Date, now: number = Date.now()): string {
  const date = toDate(value);
  const time = date.getTime();
  if (Number.isNaN(time)) return '—';
  const diff = time - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  if (abs < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return relativeFormat.format(Math.round(diff / HOUR), 'hour');
  if (abs < WEEK) return relativeFormat.format(Math.round(diff / DAY), 'day');
  if (abs < MONTH) return relativeFormat.format(Math.round(diff / WEEK), 'week');
  if (abs < YEAR) return relativeFormat.format(Math.round(diff / MONTH), 'month');
  return dateFormat.format(date);
}

/** Date and time in the user's locale, e.g. "Mar 4, 2026, 9:41 AM". */
export function formatDateTime(value: string | number | Date): string {
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '—' : dateTimeFormat.format(date);
}

export const formatNumber = (value: number): string => numberFormat.format(value);

/** US dollars with cents, keeping sub-cent precision that small per-task budgets need. */
export const formatUsd = (value: number): string => usdFormat.format(value);

const costCents = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const costTiny = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });

/**
 * What an LLM call or task cost, at the precision the amount needs: cents from a cent up (with up to
 * four decimals below a dollar), three significant digits under a cent. One small-model call costs a
 * fraction of a cent ("$0.000123"); rounding it to "$0.00" would hide it.
 */
export function formatCost(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return costCents.format(0);
  if (abs >= 0.01) return abs >= 1 ? costCents.format(value) : usdFormat.format(value);
  return costTiny.format(value);
}

/** An elapsed time from milliseconds, to the precision that still reads at a glance: "850 ms", "1.2 s", "3 min 5 s". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** "1 agent", "3 agents". */
export const pluralize = (count: number, singular: string, plural = `${singular}s`): string =>
  `${formatNumber(count)} ${count === 1 ? singular : plural}`;

interface PageTotal {
  total: number;
  totalIsLowerBound?: boolean | undefined;
}

/** A page's count of all matches, e.g. "1,000+" when the server stopped counting (`totalIsLowerBound`). */
export const formatTotal = ({ total, totalIsLowerBound }: PageTotal): string =>
  `${formatNumber(total)}${totalIsLowerBound ? '+' : ''}`;

/** The same with its noun, e.g. "1,000+ tasks" or "1 task". */
export const pluralizeTotal = (page: PageTotal, singular: string): string =>
  page.totalIsLowerBound ? `${formatTotal(page)} ${singular}s` : pluralize(page.total, singular);

/** The calendar date in the user's locale, e.g. "Mar 4, 2026". */
export function formatDate(value: string | number | Date): string {
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

/** A wait in words, rounded up to what a person would say: "30 seconds", "2 minutes", "1 hour". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return pluralize(whole, 'second');
  if (whole < 3600) return pluralize(Math.ceil(whole / 60), 'minute');
  return pluralize(Math.ceil(whole / 3600), 'hour');
}
