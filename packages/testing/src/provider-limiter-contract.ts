import type { ProviderLimiter, ReleaseSlot } from '@agent-fleet/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncSignal, nextTurn } from './async-signal.js';

/** How the suite configures a limiter (per key). */
export interface ProviderLimiterContractOptions {
  maxConcurrency: number;
  requestsPerMinute: number;
}

/** A limiter for one test and how to dispose of it. */
export interface ProviderLimiterContractSetup {
  limiter: ProviderLimiter;
  cleanup(): Promise<void>;
}

/** A seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const never = () => new AbortController().signal;

/**
 * The one behaviour every ProviderLimiter adapter must share. "Still waiting" is proved without timing:
 * the waiting caller is aborted and must reject with the abort's reason (one that had been let in would
 * have resolved).
 */
export function describeProviderLimiterContract(
  name: string,
  setup: (options: ProviderLimiterContractOptions) => Promise<ProviderLimiterContractSetup>,
): void {
  describe(`ProviderLimiter contract: ${name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    let keyCount = 0;
    // Keys unique per test, so an adapter shared across tests (one Redis) starts each test empty.
    const key = (): string => `test:${process.pid}-${Date.now()}-${(keyCount += 1)}`;

    const open = async (options: Partial<ProviderLimiterContractOptions> = {}): Promise<ProviderLimiter> => {
      const made = await setup({ maxConcurrency: 2, requestsPerMinute: 10_000, ...options });
      cleanup = made.cleanup;
      return made.limiter;
    };

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    /** Asserts the caller is still held back, then withdraws it. */
    const expectWaiting = async (acquire: (signal: AbortSignal) => Promise<ReleaseSlot>): Promise<void> => {
      const controller = new AbortController();
      const waiting = acquire(controller.signal);
      for (let turn = 0; turn < 5; turn += 1) await nextTurn();
      controller.abort(new Error('still waiting'));
      await expect(waiting).rejects.toThrow('still waiting');
    };

    it('lets at most maxConcurrency callers in per key, while other keys go ahead', async () => {
      const limiter = await open({ maxConcurrency: 2 });
      const busy = key();
      await limiter.acquire(busy, never());
      await limiter.acquire(busy, never());
      await expectWaiting((signal) => limiter.acquire(busy, signal));
      const other = await limiter.acquire(key(), never());
      other();
    });

    it('lets waiting callers in first come, first served', async () => {
      const limiter = await open({ maxConcurrency: 1 });
      const shared = key();
      let release = await limiter.acquire(shared, never());
      const order: number[] = [];
      const signal = new AsyncSignal();
      const waiters = [0, 1, 2, 3, 4].map((index) =>
        limiter.acquire(shared, never()).then((slot) => {
          order.push(index);
          signal.notify();
          return slot;
        }),
      );
      for (const [index, waiter] of waiters.entries()) {
        release();
        await signal.until(() => order.length === index + 1);
        release = await waiter;
      }
      release();
      expect(order).toEqual([0, 1, 2, 3, 4]);
    });

    it('drops a caller aborted while waiting: it rejects with the reason, holds nothing, and the next one goes in', async () => {
      const limiter = await open({ maxConcurrency: 1 });
      const shared = key();
      const release = await limiter.acquire(shared, never());
      const controller = new AbortController();
      const aborted = limiter.acquire(shared, controller.signal);
      const next = limiter.acquire(shared, never());
      controller.abort(new Error('stopped by the user'));
      await expect(aborted).rejects.toThrow('stopped by the user');
      release();
      const nextRelease = await next;
      await expectWaiting((signal) => limiter.acquire(shared, signal));
      nextRelease();
      (await limiter.acquire(shared, never()))();
    });

    it('refuses at once a caller whose signal is already aborted, taking no slot', async () => {
      const limiter = await open({ maxConcurrency: 1 });
      const shared = key();
      const controller = new AbortController();
      controller.abort(new Error('gone before asking'));
      await expect(limiter.acquire(shared, controller.signal)).rejects.toThrow('gone before asking');
      (await limiter.acquire(shared, never()))();
    });

    it('counts a release once however often it is called', async () => {
      const limiter = await open({ maxConcurrency: 2 });
      const shared = key();
      const first = await limiter.acquire(shared, never());
      const second = await limiter.acquire(shared, never());
      first();
      first();
      const third = await limiter.acquire(shared, never());
      // Two slots are held (second, third): a double-counted release would have let this one in.
      await expectWaiting((signal) => limiter.acquire(shared, signal));
      second();
      third();
    });

    it('never exceeds the limit among 200 callers on two keys that arrive, abort and release in random order', async () => {
      const limit = 3;
      const limiter = await open({ maxConcurrency: limit });
      const keys = [key(), key()];
      const next = random(7);
      const inFlight = new Map<string, number>(keys.map((name) => [name, 0]));
      const held: { name: string; release: ReleaseSlot }[] = [];
      let peak = 0;
      let settled = 0;
      let granted = 0;
      const signal = new AsyncSignal();
      const callers = Array.from({ length: 200 }, (_, index) => {
        const name = keys[index % 2] as string;
        const controller = new AbortController();
        if (next() < 0.2) queueMicrotask(() => controller.abort(new Error('gave up')));
        return limiter.acquire(name, controller.signal).then(
          (release) => {
            const count = (inFlight.get(name) ?? 0) + 1;
            inFlight.set(name, count);
            peak = Math.max(peak, count);
            held.push({ name, release });
            granted += 1;
            settled += 1;
            signal.notify();
          },
          () => {
            settled += 1;
            signal.notify();
          },
        );
      });
      while (settled < callers.length || held.length > 0) {
        await signal.until(() => held.length > 0 || settled === callers.length);
        const [slot] = held.splice(Math.floor(next() * held.length), 1);
        if (!slot) continue;
        inFlight.set(slot.name, (inFlight.get(slot.name) ?? 0) - 1);
        slot.release();
        await nextTurn();
      }
      await Promise.all(callers);
      expect(peak).toBeLessThanOrEqual(limit);
      expect(peak).toBe(limit);
      expect(granted).toBeGreaterThan(100);
      for (const name of keys) for (let index = 0; index < limit; index += 1) await limiter.acquire(name, never());
    });

    it('holds back a caller once the per-minute budget is spent, even with slots free', async () => {
      const limiter = await open({ maxConcurrency: 10, requestsPerMinute: 2 });
      const shared = key();
      (await limiter.acquire(shared, never()))();
      (await limiter.acquire(shared, never()))();
      await expectWaiting((signal) => limiter.acquire(shared, signal));
      (await limiter.acquire(key(), never()))();
    });
  });
}
