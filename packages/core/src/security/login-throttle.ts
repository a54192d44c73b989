import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../app-error.js';

export interface LoginThrottleOptions {
  /** Attempts per email and address in the window. Default 5. */
  perAccount?: number;
  /** Attempts per address, across emails, in the window. Default 50. */
  perAddress?: number;
  /** Window in seconds. Default 900 (15 minutes). */
  windowSeconds?: number;
}

/**
 * Limits login attempts per (email, address) and per address, so a password cannot be guessed
 * quickly and one address cannot spray many accounts. A success clears the (email, address) count.
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(options: LoginThrottleOptions = {}) {
    const duration = options.windowSeconds ?? 900;
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: options.perAccount ?? 5, duration });
    this.perAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: options.perAddress ?? 50, duration });
  }

  async consume(email: string, ip: string | null): Promise<void> {
    const address = ip ?? 'unknown';
    try {
      await this.perAddress.consume(address);
      await this.perAccount.consume(`${email}|${address}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('rate_limited', `Too many login attempts; try again in ${seconds} seconds`, {
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }

  async reset(email: string, ip: string | null): Promise<void> {
    await this.perAccount.delete(`${email}|${ip ?? 'unknown'}`);
  }
}
