import { describe, expect, it } from 'vitest';
import {
  createTemplateEngine,
  defaultEngineOptions,
  TemplateRenderError,
  type TemplateEngine,
  type TemplateSource,
} from './index.js';

async function failure(engine: TemplateEngine, source: TemplateSource | string, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const error = await engine
    .render(typeof source === 'string' ? { type: 'text', body: source } : source, variables)
    .catch((caught: unknown) => caught);
  if (!(error instanceof TemplateRenderError)) throw new Error(`expected a TemplateRenderError, got ${String(error)}`);
  return { error, elapsed: performance.now() - started };
}

describe('render limits', () => {
  it('documents its defaults', () => {
    expect(defaultEngineOptions).toEqual({
      renderTimeoutMs: 1000,
      maxOutputLength: 100_000,
      maxTemplateLength: 100_000,
      memoryLimit: 10_000_000,
      maxIncludeDepth: 5,
      maxAnalyzedIncludes: 100,
      parseCacheSize: 256,
    });
    expect(createTemplateEngine({ maxIncludeDepth: 2 }).options.maxIncludeDepth).toBe(2);
  });

  it('refuses limits that would switch a safety net off', () => {
    expect(() => createTemplateEngine({ renderTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => createTemplateEngine({ maxOutputLength: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('stops a loop bomb at the time limit', async () => {
    const engine = createTemplateEngine({ renderTimeoutMs: 100 });
    const { error, elapsed } = await failure(
      engine,
      '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}',
    );
    expect(error.code).toBe('render_timeout');
    expect(elapsed).toBeLessThan(1_000);
  });

  it('times out a resolver that never answers', async () => {
    const engine = createTemplateEngine({ renderTimeoutMs: 50 });
    const started = performance.now();
    const error = await engine
      .render({ type: 'text', body: '{% include "slow" %}' }, {}, { resolver: { resolve: () => new Promise(() => undefined) } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'render_timeout' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('caps the output while it is produced, not after', async () => {
    const engine = createTemplateEngine({ maxOutputLength: 1_000 });
    await expect(engine.render({ type: 'text', body: '{% for i in (1..100) %}0123456789{% endfor %}' })).resolves.toMatchObject({
      text: '0123456789'.repeat(100),
    });
    const { error } = await failure(engine, '{% for i in (1..101) %}0123456789{% endfor %}');
    expect(error).toMatchObject({ code: 'output_too_large', message: 'The rendered output exceeds 1000 characters' });
  });

  it('counts the output of all chat messages together', async () => {
    const engine = createTemplateEngine({ maxOutputLength: 100 });
    const { error } = await failure(
      engine,
      {
        type: 'chat',
        messages: [
          { role: 'system', content: '{{ text }}' },
          { role: 'user', content: '{{ text }}' },
        ],
      },
      { text: 'x'.repeat(60) },
    );
    expect(error).toMatchObject({ code: 'output_too_large', messageIndex: 1 });
  });

  it('caps a capture that doubles itself', async () => {
    const engine = createTemplateEngine({ maxOutputLength: 10_000 });
    const { error } = await failure(
      engine,
      '{% capture s %}x{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}',
    );
    expect(error.code).toBe('output_too_large');
  });

  it('stops huge ranges and doubling strings at the memory limit', async () => {
    const engine = createTemplateEngine({ memoryLimit: 1_000_000 });
    expect((await failure(engine, '{% for i in (1..100000000) %}{% endfor %}')).error.code).toBe('memory_limit');
    expect((await failure(engine, '{{ (1..100000000) | join: "," }}')).error.code).toBe('memory_limit');
    const doubling = '{% assign s = "x" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}';
    expect((await failure(engine, doubling)).error.code).toBe('memory_limit');
  });

  it('refuses templates longer than maxTemplateLength', async () => {
    const engine = createTemplateEngine({ maxTemplateLength: 1_000 });
    await expect(engine.render({ type: 'text', body: 'x'.repeat(1_000) })).resolves.toMatchObject({ type: 'text' });
    expect((await failure(engine, 'x'.repeat(1_001))).error.code).toBe('template_too_large');
  });

  it('reports absurd nesting as an error, not a crash', async () => {
    const engine = createTemplateEngine();
    const body = `${'{% if true %}'.repeat(3_000)}x${'{% endif %}'.repeat(3_000)}`;
    const { error } = await failure(engine, body);
    expect(error).toMatchObject({ code: 'syntax_error', message: 'The template is nested too deeply' });
  });

  it('refuses variables that are not data or are too big', async () => {
    const engine = createTemplateEngine();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await failure(engine, '{{ x }}', { x: cyclic })).error).toMatchObject({
      code: 'invalid_variables',
      problems: [{ variable: 'x.self' }],
    });
    expect((await failure(engine, '{{ x }}', { x: 'y'.repeat(2_000_001) })).error.code).toBe('invalid_variables');
    expect((await failure(engine, '{{ x }}', { x: Array.from({ length: 100_001 }, () => 1) })).error.code).toBe(
      'invalid_variables',
    );
  });
});
