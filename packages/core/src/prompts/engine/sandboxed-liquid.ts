import { Liquid, type FS } from 'liquidjs';
import type { ResolvedEngineOptions } from './options.js';
import { IncludeTag, RenderTag } from './tags/partial-tag.js';
import { boundedCaptureTag, unsupportedTag } from './tags/restricted-tags.js';

const noFilesystem = (): never => {
  throw new Error('Templates have no filesystem access');
};

/**
 * Handed to LiquidJS in place of `node:fs`. Nothing should ever call it (our include/render tags use the
 * resolver and layout is disabled); if a future LiquidJS path did, it fails instead of reading a file.
 */
const deniedFilesystem: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: () => Promise.reject(new Error('Templates have no filesystem access')),
  readFileSync: noFilesystem,
  resolve: noFilesystem,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
};

/**
 * A LiquidJS instance locked down for untrusted prompt templates:
 * - `ownPropertyOnly`: no inherited properties (`toString`, `constructor`, …) through any path;
 * - `strictFilters`: a misspelled filter is an error, not silently dropped;
 * - `jsTruthy: false`: Liquid truthiness (only `false` and `nil` are falsy), as authors expect;
 * - `parseLimit` / `memoryLimit` from the engine options; the time limit is set per render;
 * - no filesystem: `include`/`render` go through the resolver, `layout`/`block` are refused;
 * - no HTML escaping (prompts are plain text) and UTC dates, so output does not depend on the host.
 *
 * `catchAllErrors` stays off: with it every collected error computes its line by scanning from the start
 * of the body, which is quadratic in the number of errors. Parsing stops at the first error.
 */
export function createSandboxedLiquid(options: ResolvedEngineOptions): Liquid {
  const liquid = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    jsTruthy: false,
    dynamicPartials: true,
    relativeReference: false,
    jekyllInclude: false,
    cache: false,
    fs: deniedFilesystem,
    root: [],
    partials: [],
    layouts: [],
    globals: {},
    parseLimit: options.maxTemplateLength,
    memoryLimit: options.memoryLimit,
    renderLimit: options.renderTimeoutMs,
    timezoneOffset: 0,
    locale: 'en-US',
    catchAllErrors: false,
  });
  liquid.registerTag('include', IncludeTag);
  liquid.registerTag('render', RenderTag);
  liquid.registerTag('capture', boundedCaptureTag(options.maxOutputLength));
  liquid.registerTag('layout', unsupportedTag('layout', 'use {% include "name" %} to reuse templates'));
  liquid.registerTag('block', unsupportedTag('block', 'it only works with layouts, which are not supported'));
  return liquid;
}
