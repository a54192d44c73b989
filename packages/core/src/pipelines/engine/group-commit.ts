/** One piece of work waiting for a transaction, and whom to tell how it ended. */
interface Waiting<W> {
  work: W;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: pieces of work that arrive while a transaction is being committed wait, then share the
 * next one. A lone piece starts at once, so nothing waits when the engine is quiet; under load a
 * thousand claims and step ends cost a handful of commits instead of a thousand.
 *
 * `commit` runs a group in one transaction and returns each piece's value in order. When it throws,
 * the whole group was rolled back: a group of one rejects, a larger group is run again one piece per
 * transaction, so a piece that fails (a conflict it raises on purpose, a bug) fails alone and the others
 * commit as if they had never met it.
 */
export class GroupCommit<W> {
  private readonly waiting: Waiting<W>[] = [];
  private active = 0;

  constructor(
    private readonly commit: (works: readonly W[]) => Promise<unknown[]>,
    private readonly options: {
      /** The most pieces one transaction takes. */
      maxGroup: number;
      /** Transactions this process runs at once. */
      parallel: number;
      /** Called between the answers to a group's pieces, so answering many lets the event loop turn. */
      between?: () => Promise<void>;
    },
  ) {}

  submit<T>(work: W): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.options.parallel && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxGroup);
      this.active += 1;
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        this.active -= 1;
        this.pump();
      };
      void this.run(group, release).finally(release);
    }
  }

  /** Runs a group; `release` frees its place for the next group once its transaction is over. */
  private async run(group: Waiting<W>[], release: () => void): Promise<void> {
    try {
      const values = await this.commit(group.map((item) => item.work));
      // The next group need not wait while this one's callers are answered.
      release();
      for (const [i, item] of group.entries()) {
        item.resolve(values[i]);
        await this.options.between?.();
      }
      return;
    } catch (error) {
      const [only, ...others] = group;
      if (only && others.length === 0) {
        only.reject(error);
        return;
      }
    }
    for (const item of group) {
      try {
        const [value] = await this.commit([item.work]);
        item.resolve(value);
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
