/** Time limits of one streamed provider call; 0 switches a limit off. */
export interface StreamTimeouts {
  /** Time allowed from the request to the first token (text, reasoning or a tool call). */
  firstTokenMs: number;
  /** Longest silence between two chunks once the first token arrived. */
  idleMs: number;
  /** Optional cap on the whole call, however healthy the stream; 0 = none. */
  totalMs: number;
}

/** Which limit fired. */
export type StreamTimeoutKind = 'first_token' | 'idle' | 'total';

const MESSAGES: Record<StreamTimeoutKind, (ms: number) => string> = {
  first_token: (ms) => `The provider sent no token within ${ms} ms`,
  idle: (ms) => `The provider's stream stalled for ${ms} ms`,
  total: (ms) => `The provider call ran longer than its ${ms} ms cap`,
};

/**
 * Aborts a streamed call that stalls: first a time-to-first-token limit, then an idle limit re-armed by
 * every chunk, plus an optional overall cap. A long reply that keeps streaming is never cut by the first two.
 */
export class StreamWatchdog {
  private readonly controller = new AbortController();
  private phase: ReturnType<typeof setTimeout> | undefined;
  private readonly cap: ReturnType<typeof setTimeout> | undefined;
  private receiving = false;
  /** Which limit fired, once one did. */
  fired: StreamTimeoutKind | null = null;

  constructor(private readonly limits: StreamTimeouts) {
    this.arm('first_token', limits.firstTokenMs);
    if (limits.totalMs > 0) this.cap = setTimeout(() => this.fire('total', limits.totalMs), limits.totalMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get message(): string | null {
    if (this.fired === null) return null;
    const ms =
      this.fired === 'first_token' ? this.limits.firstTokenMs : this.fired === 'idle' ? this.limits.idleMs : this.limits.totalMs;
    return MESSAGES[this.fired](ms);
  }

  /** A token arrived: from now on only silence between chunks counts. */
  token(): void {
    this.receiving = true;
    this.arm('idle', this.limits.idleMs);
  }

  /** Any chunk arrived: re-arms the idle limit once tokens flow. */
  chunk(): void {
    if (this.receiving) this.arm('idle', this.limits.idleMs);
  }

  stop(): void {
    clearTimeout(this.phase);
    clearTimeout(this.cap);
  }

  private arm(kind: StreamTimeoutKind, ms: number): void {
    clearTimeout(this.phase);
    this.phase = ms > 0 ? setTimeout(() => this.fire(kind, ms), ms) : undefined;
  }

  private fire(kind: StreamTimeoutKind, ms: number): void {
    if (this.controller.signal.aborted) return;
    this.fired = kind;
    this.controller.abort(new DOMException(MESSAGES[kind](ms), 'TimeoutError'));
  }
}
