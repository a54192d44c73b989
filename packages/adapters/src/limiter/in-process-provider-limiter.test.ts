import { describeProviderLimiterContract } from '@agent-fleet/testing';
import { describe, expect, it } from 'vitest';
import { InProcessProviderLimiter } from './in-process-provider-limiter.js';

describeProviderLimiterContract('InProcessProviderLimiter', async (options) => ({
  limiter: new InProcessProviderLimiter(options),
  cleanup: async () => undefined,
}));

describe('InProcessProviderLimiter bookkeeping', () => {
  it('reports the slots in flight per key: a withdrawn waiter holds none', async () => {
    const limiter = new InProcessProviderLimiter({ maxConcurrency: 1, requestsPerMinute: 1000 });
    const release = await limiter.acquire('k', new AbortController().signal);
    const controller = new AbortController();
    const waiting = limiter.acquire('k', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    expect(limiter.active('k')).toBe(1);
    release();
    expect(limiter.active('k')).toBe(0);
  });
});
