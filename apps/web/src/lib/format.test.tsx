import { describe, expect, it } from 'vitest';
import { formatCost, formatElapsed, formatRelativeTime, pluralize, pluralizeTotal } from './format';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds and counts minutes, hours and days after', () => {
    expect(formatRelativeTime(now - 10_000, now)).toBe('just now');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toMatch(/5 minutes ago/);
    expect(formatRelativeTime(now - 3 * 3_600_000, now)).toMatch(/3 hours ago/);
    expect(formatRelativeTime(now - 2 * 86_400_000, now)).toMatch(/2 days ago/);
  });

  it('shows a dash for an unparseable date', () => {
    expect(formatRelativeTime('not a date', now)).toBe('—');
  });
});

describe('pluralize', () => {
  it('picks the singular only for exactly one', () => {
    expect(pluralize(1, 'agent')).toBe('1 agent');
    expect(pluralize(0, 'agent')).toBe('0 agents');
  });

  it('marks a total the server stopped counting at as a lower bound', () => {
    expect(pluralizeTotal({ total: 1000, totalIsLowerBound: true }, 'task')).toBe('1,000+ tasks');
    expect(pluralizeTotal({ total: 1 }, 'task')).toBe('1 task');
  });
});

describe('formatCost', () => {
  it('keeps fractions of a cent visible and uses cents from a dollar up', () => {
    expect(formatCost(0.000123)).toBe('$0.000123');
    expect(formatCost(0.0045678)).toBe('$0.00457');
    expect(formatCost(0.1234)).toBe('$0.1234');
    expect(formatCost(12.345)).toBe('$12.35');
    expect(formatCost(0)).toBe('$0.00');
  });
});

describe('formatElapsed', () => {
  it('reads milliseconds, seconds and minutes', () => {
    expect(formatElapsed(850)).toBe('850 ms');
    expect(formatElapsed(1234)).toBe('1.2 s');
    expect(formatElapsed(42_000)).toBe('42 s');
    expect(formatElapsed(185_000)).toBe('3 min 5 s');
  });
});
