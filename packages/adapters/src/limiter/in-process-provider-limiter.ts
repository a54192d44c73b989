import { setTimeout as sleep } from 'node:timers/promises';
import type { ProviderLimiter, ReleaseSlot } from '@agent-fleet/core';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface ProviderLimitOptions {
  /** Calls in flight at once, per key (workspace and provider). Default 8. */
  maxConcurrency: number;
  /** Calls started per minute, per key (workspace and provider). Default 600. */
  requestsPerMinute: number;
}

/**
 * The ProviderLimiter of one process: a rate limit (calls started per minute, from
 * rate-limiter-flexible's memory store) and a concurrency limit (calls in flight). Each server keeps its
 * own budget, so N servers allow N times the limits; a shared (Redis) adapter keeps one.
 */
export class InProcessProviderLimiter implements ProviderLimiter {
  private readonly rate: RateLimiterMemory;
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly options: ProviderLimitOptions) {
    this.rate = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });
  }

  async acquire(key: string, signal: AbortSignal): Promise<ReleaseSlot> {
    await this.takeSlot(key, signal);
    try {
      await this.consumeRate(key, signal);
    } catch (error) {
      this.release(key);
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(key);
    };
  }

  /** Calls in flight for a key (for tests and metrics). */
  active(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }

  private async consumeRate(key: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        await this.rate.consume(key);
        return;
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        // Rejects with the signal's own reason, as the port promises, rather than Node's AbortError.
        await sleep(result.msBeforeNext, undefined, { signal }).catch((error: unknown) => {
          throw signal.aborted ? (signal.reason as Error) : error;
        });
      }
    }
  }

  private takeSlot(key: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const current = this.inFlight.get(key) ?? 0;
    if (current < this.options.maxConcurrency) {
      this.inFlight.set(key, current + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = queue.indexOf(grant);
        if (index >= 0) queue.splice(index, 1);
        if (queue.length === 0 && this.waiting.get(key) === queue) this.waiting.delete(key);
        reject(signal.reason as Error);
      };
      queue.push(grant);
      this.waiting.set(key, queue);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(key);
    // The slot passes straight to the next waiter; the in-flight count stays the same.
    if (next) return next();
    const current = (this.inFlight.get(key) ?? 1) - 1;
    if (current <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, current);
  }
}
