import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryResolver, createTemplateEngine, parseIncludeRef, TemplateRenderError, type IncludeRef } from './index.js';

interface AbusePayload {
  id: string;
  category: string;
  template: string;
  variables?: Record<string, unknown>;
}

interface AbuseFixture {
  baseVariables: Record<string, unknown>;
  payloads: AbusePayload[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/abuse-payloads.json', import.meta.url), 'utf8')) as AbuseFixture;

/** The fixture's compression: «N*text» repeats text, a whole-string «N#» is the list 0..N-1. */
function expandText(text: string): string {
  return text.replace(/«(\d+)\*([^»]*)»/g, (_match, times: string, part: string) => part.repeat(Number(times)));
}

function expandValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const list = /^«(\d+)#»$/.exec(value);
    return list ? Array.from({ length: Number(list[1]) }, (_item, index) => index) : expandText(value);
  }
  if (Array.isArray(value)) return value.map(expandValue);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    // defineProperty keeps a JSON "__proto__" key an own property, as it arrives from an HTTP body.
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(copy, key, { value: expandValue(item), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}

const TIME_LIMIT_MS = 300;
/** LiquidJS checks its clock between template nodes, so one long node may overshoot a little. */
const TIME_SLACK_MS = 1_200;
const MAX_OUTPUT = 20_000;

const engine = createTemplateEngine({ renderTimeoutMs: TIME_LIMIT_MS, maxOutputLength: MAX_OUTPUT, memoryLimit: 2_000_000 });
const templates = createInMemoryResolver([
  { name: 'partial', version: 1, body: 'partial:{{ item }}{{ polluted }}' },
  { name: 'self', version: 1, body: 'again {% include "self" %}' },
  { name: 'ping', version: 1, body: '{% include "pong" %}' },
  { name: 'pong', version: 1, body: '{% include "ping" %}' },
  { name: 'bomb', version: 1, body: '{% for i in (1..1000000) %}{% include "partial" %}{% endfor %}' },
  { name: 'proto', version: 1, body: '{{ obj.constructor }}{{ __proto__ }}{{ constructor.constructor }}' },
  ...Array.from({ length: 10 }, (_item, index) => ({
    name: `chain-${index + 1}`,
    version: 1,
    body: `{% include "chain-${index + 2}" %}`,
  })),
]);
const resolverCalls: IncludeRef[] = [];
const resolver = {
  resolve: (ref: IncludeRef) => {
    resolverCalls.push(ref);
    return templates.resolve(ref);
  },
};

const KNOWN_CODES = new Set([
  'syntax_error',
  'undefined_filter',
  'unsupported_tag',
  'invalid_include',
  'unresolved_include',
  'include_cycle',
  'include_depth',
  'render_timeout',
  'output_too_large',
  'memory_limit',
  'template_too_large',
  'render_failed',
]);
/** Renders that produce output in these categories must produce nothing at all. */
const SILENT_CATEGORIES = new Set(['prototype-dot', 'prototype-bracket', 'prototype-variable-key', 'prototype-chain']);
const FUNCTION_LEAK = /\[Function|\[native code\]|function\s*[\w$]*\s*\(|=>|class\s+[A-Z]/;

const secret = `sk-canary-${randomUUID()}`;
const protoSnapshot = () =>
  [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype].map((proto) =>
    Object.getOwnPropertyNames(proto).sort().join(','),
  );
let protoBefore: string[];

beforeAll(() => {
  process.env.AGENT_FLEET_ABUSE_SECRET = secret;
  (globalThis as Record<string, unknown>).__abuseCanary = 'untouched';
  protoBefore = protoSnapshot();
});

afterAll(() => {
  delete process.env.AGENT_FLEET_ABUSE_SECRET;
  delete (globalThis as Record<string, unknown>).__abuseCanary;
});

describe('abuse payloads', () => {
  it('keeps at least 200 payloads with unique ids over every attack family', () => {
    expect(fixture.payloads.length).toBeGreaterThanOrEqual(200);
    expect(new Set(fixture.payloads.map((payload) => payload.id)).size).toBe(fixture.payloads.length);
    const categories = new Set(fixture.payloads.map((payload) => payload.category));
    for (const family of [
      'prototype-dot',
      'prototype-bracket',
      'prototype-variable-key',
      'constructor-call',
      'filter-prototype',
      'environment',
      'include-traversal',
      'loop-bomb',
      'huge-range',
      'deep-nesting',
      'giant-string',
      'regex',
    ]) {
      expect(categories).toContain(family);
    }
  });

  it('renders every payload harmlessly or fails it with a typed error, within the limits', { timeout: 180_000 }, async () => {
    const secrets = [secret, process.env.PATH ?? 'PATH-not-set', process.cwd()];
    const failures: string[] = [];
    const codes = new Map<string, number>();
    for (const payload of fixture.payloads) {
      const variables = expandValue({ ...fixture.baseVariables, ...payload.variables }) as Record<string, unknown>;
      const body = expandText(payload.template);
      const started = performance.now();
      let output = '';
      let outcome = 'ok';
      try {
        const result = await engine.render({ type: 'text', body }, variables, { resolver, templateName: 'abuse' });
        output = result.type === 'text' ? result.text : '';
      } catch (error) {
        if (!(error instanceof TemplateRenderError) || !KNOWN_CODES.has(error.code)) {
          failures.push(`${payload.id}: untyped failure ${String(error)}`);
          continue;
        }
        outcome = error.code;
        output = error.message;
      }
      codes.set(outcome, (codes.get(outcome) ?? 0) + 1);
      const elapsed = performance.now() - started;
      const fail = (why: string) => failures.push(`${payload.id} (${outcome}): ${why}`);
      if (elapsed > TIME_LIMIT_MS + TIME_SLACK_MS) fail(`took ${Math.round(elapsed)} ms`);
      if (output.length > MAX_OUTPUT) fail(`produced ${output.length} characters`);
      if (secrets.some((value) => output.includes(value))) fail('leaked an environment value');
      if (FUNCTION_LEAK.test(output)) fail(`leaked function source: ${output.slice(0, 120)}`);
      if (outcome === 'ok' && SILENT_CATEGORIES.has(payload.category) && output.trim() !== '')
        fail(`printed "${output.slice(0, 80)}"`);
      if ((globalThis as Record<string, unknown>).__abuseCanary !== 'untouched') fail('changed the global canary');
      if (({} as Record<string, unknown>).polluted !== undefined) fail('polluted Object.prototype');
    }
    expect(failures).toEqual([]);
    expect(protoSnapshot()).toEqual(protoBefore);
    // Every family must actually be exercised: some succeed harmlessly, the limits fire for the rest.
    for (const code of ['ok', 'render_timeout', 'memory_limit', 'output_too_large', 'invalid_include', 'unsupported_tag']) {
      expect(codes.get(code) ?? 0, `renders ending in ${code}`).toBeGreaterThan(0);
    }
  });

  it('only ever asks the resolver for well-formed registry names', () => {
    expect(resolverCalls.length).toBeGreaterThan(0);
    for (const ref of resolverCalls) {
      expect(ref.name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/);
      expect(ref.name).not.toMatch(/\.\.|^\/|%|\\/);
      expect(() => parseIncludeRef(ref.name)).not.toThrow();
    }
  });
});
