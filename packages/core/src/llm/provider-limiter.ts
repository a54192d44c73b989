import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { abortableSleep } from './abortable-sleep.js';

export interface ProviderLimitOptions {
  /** Calls in flight at once, per workspace and provider. Default 8. */
  maxConcurrency: number;
  /** Calls started per minute, per workspace and provider. Default 600. */
  requestsPerMinute: number;
}

/**
 * Keeps each provider within its limits: a rate limit (calls started per minute, from
 * rate-limiter-flexible) and a concurrency limit (calls in flight). Waiting callers queue in order and
 * leave the queue when their request is aborted.
 */
export class ProviderLimiter {
  private readonly rate: RateLimiterMemory;
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly options: ProviderLimitOptions) {
    this.rate = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });
  }

  /** Waits for a slot; the returned function releases it. */
  async acquire(key: string, signal: AbortSignal): Promise<() => void> {
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

  private async consumeRate(key: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        await this.rate.consume(key);
        return;
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        await abortableSleep(result.msBeforeNext, signal);
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
        reject(signal.reason as Error);
      };
      queue.push(grant);
      this.waiting.set(key, queue);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    // The slot passes straight to the next waiter; the in-flight count stays the same.
    if (next) return next();
    const current = (this.inFlight.get(key) ?? 1) - 1;
    if (current <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, current);
  }

  /** Calls in flight for a key (for tests and metrics). */
  active(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}
