import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../../lib/page-size';
import { parseUsageParams, rangeStart, toUsageSearchParams } from './usage-params';

const now = Date.parse('2026-03-10T12:34:56.000Z');

describe('usage params', () => {
  it('defaults to 7 days and drops what the API would refuse', () => {
    expect(parseUsageParams(new URLSearchParams('range=1y&agentId=not-a-uuid&provider=%20openai%20&limit=7'))).toEqual({
      range: '7d',
      agentId: '',
      provider: 'openai',
      model: '',
      limit: DEFAULT_PAGE_SIZE,
      cursor: undefined,
    });
  });

  it('round-trips through the URL and leaves defaults out', () => {
    const defaults = parseUsageParams(new URLSearchParams());
    expect(toUsageSearchParams(defaults).toString()).toBe('');
    const custom = { ...defaults, range: '24h' as const, model: 'gpt-4o', limit: 50, cursor: 'abc' };
    expect(toUsageSearchParams(custom).toString()).toBe('range=24h&model=gpt-4o&limit=50&cursor=abc');
    expect(parseUsageParams(toUsageSearchParams(custom))).toEqual(custom);
  });

  it('starts day ranges at a UTC midnight and 24 hours exactly a day back', () => {
    expect(rangeStart('7d', now)).toBe('2026-03-04T00:00:00.000Z');
    expect(rangeStart('30d', now)).toBe('2026-02-09T00:00:00.000Z');
    expect(rangeStart('24h', now)).toBe('2026-03-09T12:34:56.000Z');
  });
});
