import { describe, expect, it } from 'vitest';
import { formatCost } from './format-cost';

describe('formatCost', () => {
  it('keeps three significant digits below a cent, so a single call never rounds to zero', () => {
    expect(formatCost(0.000123)).toBe('$0.000123');
    expect(formatCost(0.0012345)).toBe('$0.00123');
    expect(formatCost(0)).toBe('$0.00');
  });

  it('shows up to four decimals below a dollar and cents above', () => {
    expect(formatCost(0.075)).toBe('$0.075');
    expect(formatCost(0.12345)).toBe('$0.1235');
    expect(formatCost(0.5)).toBe('$0.50');
    expect(formatCost(1234.567)).toBe('$1,234.57');
  });
});
