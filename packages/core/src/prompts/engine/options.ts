/** Limits and knobs of one template engine. Every field is optional; the defaults suit prompts. */
export interface TemplateEngineOptions {
  /** Wall-clock budget of one render (all messages and includes together), in ms. Default 1000. */
  renderTimeoutMs?: number;
  /**
   * Largest rendered output, in UTF-16 code units, summed over all messages (≈ 100 KB of ASCII).
   * Also caps each `{% capture %}`. Default 100_000.
   */
  maxOutputLength?: number;
  /** Longest template body (root, each message, each include) accepted by the parser. Default 100_000. */
  maxTemplateLength?: number;
  /**
   * LiquidJS `memoryLimit`: units (≈ characters or array elements) that filters, ranges and captures may
   * allocate during one render of one body. Default 10_000_000.
   */
  memoryLimit?: number;
  /** Deepest include nesting; the root template is depth 0. Default 5. */
  maxIncludeDepth?: number;
  /** How many include edges one `analyze` call follows before it gives up with a warning. Default 100. */
  maxAnalyzedIncludes?: number;
  /** Parsed templates kept in memory, keyed by source text. Default 256. */
  parseCacheSize?: number;
}

export type ResolvedEngineOptions = Required<TemplateEngineOptions>;

export const defaultEngineOptions: ResolvedEngineOptions = Object.freeze({
  renderTimeoutMs: 1000,
  maxOutputLength: 100_000,
  maxTemplateLength: 100_000,
  memoryLimit: 10_000_000,
  maxIncludeDepth: 5,
  maxAnalyzedIncludes: 100,
  parseCacheSize: 256,
});

export function resolveEngineOptions(options: TemplateEngineOptions = {}): ResolvedEngineOptions {
  const resolved = { ...defaultEngineOptions };
  for (const key of Object.keys(defaultEngineOptions) as (keyof ResolvedEngineOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    // A zero or negative limit would silently disable a safety net, so refuse it loudly at start-up.
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Template engine option ${key} must be a positive number`);
    resolved[key] = value;
  }
  return resolved;
}
