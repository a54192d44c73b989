import { describe, expect, it } from 'vitest';
import { ProviderLimiter } from './provider-limiter.js';

describe('ProviderLimiter', () => {
  it('lets at most maxConcurrency calls run per key, in order, and others on other keys', async () => {
    const limiter = new ProviderLimiter({ maxConcurrency: 2, requestsPerMinute: 1000 });
    const signal = new AbortController().signal;
    const first = await limiter.acquire('w:openai', signal);
    await limiter.acquire('w:openai', signal);
    const order: string[] = [];
    const third = limiter.acquire('w:openai', signal).then((release) => {
      order.push('third');
      return release;
    });
    const other = await limiter.acquire('w:anthropic', signal);
    expect(limiter.active('w:openai')).toBe(2);
    expect(order).toEqual([]);
    first();
    (await third)();
    expect(order).toEqual(['third']);
    other();
    expect(limiter.active('w:anthropic')).toBe(0);
  });

  it('drops a waiting caller whose request is aborted', async () => {
    const limiter = new ProviderLimiter({ maxConcurrency: 1, requestsPerMinute: 1000 });
    const release = await limiter.acquire('k', new AbortController().signal);
    const controller = new AbortController();
    const waiting = limiter.acquire('k', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    release();
    expect(limiter.active('k')).toBe(0);
  });

  it('waits for the rate window when the per-minute budget is spent', async () => {
    const limiter = new ProviderLimiter({ maxConcurrency: 10, requestsPerMinute: 1 });
    (await limiter.acquire('k', new AbortController().signal))();
    const controller = new AbortController();
    const second = limiter.acquire('k', controller.signal);
    // The second call would wait about a minute; stopping it proves it was held back.
    controller.abort(new Error('held back'));
    await expect(second).rejects.toThrow('held back');
    expect(limiter.active('k')).toBe(0);
  });
});
