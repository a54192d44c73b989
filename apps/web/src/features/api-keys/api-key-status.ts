import type { ApiKey } from '@agent-fleet/contracts';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: it was a decision, expiry just a date. */
export function apiKeyStatus(key: ApiKey, now: number = Date.now()): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** A date input's "YYYY-MM-DD" as the end of that day in the user's time zone, in ISO form. */
export function endOfDayIso(date: string): string | undefined {
  const parsed = new Date(`${date}T23:59:59`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** Tomorrow as "YYYY-MM-DD" in the user's time zone: the earliest expiry a date input offers. */
export function tomorrowInputValue(now: Date = new Date()): string {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`;
}
