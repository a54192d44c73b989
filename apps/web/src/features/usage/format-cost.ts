const cents = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const subDollar = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const tiny = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });

/**
 * US dollars at the precision the amount needs: cents from a dollar up, four decimals below, and three
 * significant digits under a cent, because one mock or small-model call costs fractions of a cent
 * ("$0.000123") and rounding it to "$0.00" would hide it.
 */
export function formatCost(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return cents.format(0);
  if (abs >= 1) return cents.format(value);
  if (abs >= 0.01) return subDollar.format(value);
  return tiny.format(value);
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** "12K", "3.4M": for chart axes, where the exact count is in the tooltip. */
export const formatCompact = (value: number): string => compact.format(value);
