import type { Liquid, Template } from 'liquidjs';

/**
 * Parsed templates by source text (and file label, which LiquidJS bakes into tokens for error
 * positions). Parsed templates hold no render state, so one parse serves every render of a version.
 * Failed parses are not cached: they are cheap to repeat and rare.
 */
export class ParseCache {
  private readonly entries = new Map<string, Template[]>();

  constructor(
    private readonly liquid: Liquid,
    private readonly capacity: number,
  ) {}

  parse(body: string, file?: string): Template[] {
    const key = `${file ?? ''}\u0000${body}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order; re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const templates = this.liquid.parse(body, file);
    this.entries.set(key, templates);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return templates;
  }
}
