import { describe, expect, it } from 'vitest';
import { TemplateRenderError } from './errors.js';
import { toTemplateData } from './template-data.js';

describe('toTemplateData', () => {
  it('copies JSON-like data and normalises Dates, bigints, undefined and non-finite numbers', () => {
    const data = toTemplateData({
      s: 'x',
      n: 1,
      b: true,
      z: null,
      u: undefined,
      inf: Number.POSITIVE_INFINITY,
      list: [1, undefined, { a: 1 }],
      at: new Date('2026-01-01T00:00:00Z'),
      big: 10n,
    });
    expect({ ...data }).toEqual({
      s: 'x',
      n: 1,
      b: true,
      z: null,
      inf: null,
      list: [1, null, { a: 1 }],
      at: '2026-01-01T00:00:00.000Z',
      big: '10',
    });
  });

  it('gives the top level no prototype and keeps "__proto__" keys as plain data', () => {
    const data = toTemplateData(JSON.parse('{"x": {"__proto__": {"polluted": true}}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(data)).toBeNull();
    const x = data.x as Record<string, unknown>;
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(x)).toEqual(['__proto__']);
    expect((x as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.each([
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('x') }],
    ['a class instance', { m: new Map() }],
    ['a getter', { o: Object.defineProperty({}, 'g', { get: () => 1, enumerable: true }) }],
    ['a non-object', 'text' as unknown as Record<string, unknown>],
  ])('refuses %s', (_label, value) => {
    expect(() => toTemplateData(value)).toThrowError(TemplateRenderError);
  });

  it('refuses data nested deeper than 32 levels', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => toTemplateData({ deep })).toThrow(/nested deeper/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(toTemplateData({ x: [shared, shared] }).x).toEqual([{ a: 1 }, { a: 1 }]);
  });
});
