/** A response as it goes out: status, every header of the answer's own (content type and length included), the JSON bytes and their entity tag. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
}

interface Entry extends CachedResponse {
  /** The database's write version when the handler started reading. */
  version: number;
  storedAt: number;
}

export interface ResponseCacheOptions {
  /** How long an answer may be reused while this process saw no write: bounds staleness from other servers. */
  ttlMs: number;
  /** The database's write version now (`DatabaseHandle.writes`). */
  version(): number;
  /** Body bytes kept at most (default 32 MiB); the oldest entries go first. */
  maxBytes?: number;
  now?: () => number;
}

interface Loading {
  version: number;
  answer: Promise<CachedResponse | undefined>;
}

/**
 * Answers of read routes, by operation, workspace and parsed request. An entry is reused only while
 * no write has committed through this process's database handle since its handler began, and for
 * at most `ttlMs` (writes by other processes are not seen). Authentication and authorization run
 * before every lookup; only the handler, its queries and the serialisation are skipped.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  /** Answers being produced, by key: the requests that miss meanwhile wait for them. */
  readonly #loading = new Map<string, Loading>();
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(private readonly options: ResponseCacheOptions) {
    this.#maxBytes = options.maxBytes ?? 32 * 2 ** 20;
    this.#now = options.now ?? Date.now;
  }

  /** The version to store an answer under: read it before the handler reads the database. */
  version(): number {
    return this.options.version();
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.version === this.options.version() && this.#now() - entry.storedAt < this.options.ttlMs) return entry;
    this.#remove(key, entry);
    return undefined;
  }

  set(key: string, version: number, response: CachedResponse): void {
    // An answer read before a write that has since committed may already be stale.
    if (version !== this.options.version() || response.body.length > this.#maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) this.#remove(key, previous);
    this.#entries.set(key, { ...response, version, storedAt: this.#now() });
    this.#bytes += response.body.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest, entry);
    }
  }

  /**
   * The answer under `key`: a current entry; else the one another request is producing for `key`
   * under the same write version (when an entry expires under load, the requests that miss in the
   * meantime share one run of the handler instead of each running it); else what `produce` answers,
   * kept. `produce` answers undefined for what may not be kept; then, and when the shared run fails,
   * each waiting request runs its own `produce`, so each gets its own answer or error.
   */
  async load(key: string, produce: () => Promise<CachedResponse | undefined>): Promise<CachedResponse | undefined> {
    const current = this.get(key);
    if (current) return current;
    const version = this.version();
    const loading = this.#loading.get(key);
    // Another version means a write committed since that run began: its answer may not show it.
    if (loading && loading.version === version) {
      const shared = await loading.answer.catch(() => undefined);
      return shared ?? produce();
    }
    const own: Loading = { version, answer: produce() };
    this.#loading.set(key, own);
    try {
      const answer = await own.answer;
      if (answer) this.set(key, version, answer);
      return answer;
    } finally {
      if (this.#loading.get(key) === own) this.#loading.delete(key);
    }
  }

  #remove(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
}
