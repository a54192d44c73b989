import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../../lib/page-size';
import { DEFAULT_SORT, hasActiveFilters, parseListParams, toSearchParams } from './list-params';

describe('list params', () => {
  it('drops invalid URL values instead of sending them to the API', () => {
    const params = parseListParams(
      new URLSearchParams(
        'observedState=busy,bogus,idle&adminState=paused,idle&status=busy&sort=sideways&limit=7&skill=%20Research%20&q=%20bot%20',
      ),
    );
    expect(params).toEqual({
      q: 'bot',
      observedState: ['idle', 'busy'],
      adminState: ['paused'],
      skill: 'research',
      sort: DEFAULT_SORT,
      limit: DEFAULT_PAGE_SIZE,
      cursor: undefined,
    });
    expect(hasActiveFilters(params)).toBe(true);
  });

  it('round-trips through the URL and leaves defaults out', () => {
    const defaults = parseListParams(new URLSearchParams());
    expect(toSearchParams(defaults).toString()).toBe('');
    expect(hasActiveFilters(defaults)).toBe(false);

    const custom = {
      ...defaults,
      q: 'ops',
      observedState: ['error' as const],
      adminState: ['draining' as const, 'disabled' as const],
      sort: 'name' as const,
      limit: 50,
      cursor: 'abc',
    };
    const search = toSearchParams(custom);
    expect(search.toString()).toBe('q=ops&observedState=error&adminState=draining%2Cdisabled&sort=name&limit=50&cursor=abc');
    expect(parseListParams(search)).toEqual(custom);
  });
});
