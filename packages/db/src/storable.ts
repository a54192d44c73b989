import { toStorableText } from '@agent-fleet/contracts';

/**
 * A row's values with every string, nested ones and object keys included, made storable
 * (`toStorableText`). For rows that hold what a model or a provider wrote, which no request schema
 * checked: one NUL in a reply must not turn a paid chat turn into a database error.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [toStorableText(key), storable(item)])) as T;
}
