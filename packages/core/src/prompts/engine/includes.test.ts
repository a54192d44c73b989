import { describe, expect, it } from 'vitest';
import {
  createInMemoryResolver,
  createTemplateEngine,
  TemplateRenderError,
  type IncludeRef,
  type InMemoryTemplateVersion,
  type RenderOptions,
  type TemplateResolver,
} from './index.js';

const library: InMemoryTemplateVersion[] = [
  { name: 'greeting', version: 1, body: 'Hello v1 {{ name }}', labels: ['production'] },
  { name: 'greeting', version: 2, body: 'Hello v2 {{ name }}', labels: ['staging'] },
  { name: 'greeting', version: 3, body: 'Hello v3 {{ name }}' },
  { name: 'signature', version: 4, body: '-- {{ team | default: "the team" }}' },
  { name: 'card', version: 1, body: '[{{ card.title }}{{ title }}{{ secret }}]' },
  { name: 'item', version: 1, body: '{{ forloop.index }}:{{ item }};' },
  { name: 'outer', version: 1, body: 'outer({% include "inner" %})' },
  { name: 'inner', version: 7, body: 'inner {{ name }}' },
  { name: 'loop-a', version: 1, body: 'a{% include "loop-b" %}' },
  { name: 'loop-b', version: 1, body: 'b{% include "loop-a" %}' },
  { name: 'selfish', version: 1, body: 'again{% include "selfish" %}' },
  ...Array.from({ length: 7 }, (_item, index) => ({
    name: `level-${index + 1}`,
    version: 1,
    body: `${index + 1}{% include "level-${index + 2}" %}`,
  })),
  { name: 'level-8', version: 1, body: 'bottom' },
  { name: 'broken', version: 2, body: '{% if %}' },
];

function recording(resolver: TemplateResolver): TemplateResolver & { calls: IncludeRef[] } {
  const calls: IncludeRef[] = [];
  return { calls, resolve: (ref) => (calls.push(ref), resolver.resolve(ref)) };
}

const engine = createTemplateEngine();

async function render(body: string, variables: Record<string, unknown> = {}, options: RenderOptions = {}) {
  const result = await engine.render({ type: 'text', body }, variables, {
    resolver: createInMemoryResolver(library),
    ...options,
  });
  if (result.type !== 'text') throw new Error('expected text');
  return result;
}

async function failure(body: string, options: RenderOptions = {}): Promise<TemplateRenderError> {
  const error = await render(body, {}, options).catch((caught: unknown) => caught);
  if (error instanceof TemplateRenderError) return error;
  throw new Error(`expected a TemplateRenderError, got ${String(error)}`);
}

describe('includes', () => {
  it('resolves a bare name through the latest label (highest version by default)', async () => {
    expect(await render('{% include "greeting" %}', { name: 'Ada' })).toEqual({
      type: 'text',
      text: 'Hello v3 Ada',
      includes: [{ name: 'greeting', version: 3 }],
    });
  });

  it('resolves name@label and name@version', async () => {
    expect((await render('{% include "greeting@production" %}', { name: 'A' })).text).toBe('Hello v1 A');
    expect((await render('{% include "greeting@staging" %}', { name: 'A' })).text).toBe('Hello v2 A');
    expect((await render('{% include "greeting@2" %}', { name: 'A' })).text).toBe('Hello v2 A');
  });

  it('hands the resolver a normalised reference', async () => {
    const resolver = recording(createInMemoryResolver(library));
    await render('{% include "greeting" %}{% include "greeting@production" %}{% include "greeting@2" %}', {}, { resolver });
    expect(resolver.calls).toEqual([
      { name: 'greeting', selector: { label: 'latest' } },
      { name: 'greeting', selector: { label: 'production' } },
      { name: 'greeting', selector: { version: 2 } },
    ]);
  });

  it('lists every include used, nested ones too, once each', async () => {
    const result = await render('{% include "outer" %}{% include "outer" %}{% include "signature" %}', { name: 'x' });
    expect(result.text).toBe('outer(inner x)outer(inner x)-- the team');
    expect(result.includes).toEqual([
      { name: 'outer', version: 1 },
      { name: 'inner', version: 7 },
      { name: 'signature', version: 4 },
    ]);
  });

  it('looks a reference up once per render, even inside a loop', async () => {
    const resolver = recording(createInMemoryResolver(library));
    const result = await render('{% for i in (1..50) %}{% include "signature" %}{% endfor %}', {}, { resolver });
    expect(result.text).toBe('-- the team'.repeat(50));
    expect(resolver.calls).toHaveLength(1);
  });

  it('only lists includes that were rendered', async () => {
    expect((await render('{% if false %}{% include "greeting" %}{% endif %}ok')).includes).toEqual([]);
  });

  it('passes variables with `with`, key: value pairs and the caller scope (include)', async () => {
    expect((await render('{% include "card" with post %}', { post: { title: 'T' } })).text).toBe('[T]');
    expect((await render('{% include "card", title: "Inline" %}')).text).toBe('[Inline]');
    expect((await render('{% include "card" title: heading %}', { heading: 'H' })).text).toBe('[H]');
    expect((await render('{% include "card" %}', { secret: 'shared' })).text).toBe('[shared]');
    expect((await render('{% include "signature", team: "Ops" %}')).text).toBe('-- Ops');
  });

  it('isolates render: the partial sees only what it is passed', async () => {
    expect((await render('{% render "card" %}', { secret: 'hidden', title: 'no' })).text).toBe('[]');
    expect((await render('{% render "card" with post as card %}', { post: { title: 'T' } })).text).toBe('[T]');
    expect((await render('{% render "card", title: t %}', { t: 'passed' })).text).toBe('[passed]');
  });

  it('renders once per item with `for … as`', async () => {
    expect((await render('{% render "item" for list as item %}', { list: ['a', 'b'] })).text).toBe('1:a;2:b;');
  });

  it('detects direct and indirect cycles', async () => {
    expect(await failure('{% include "selfish" %}')).toMatchObject({
      code: 'include_cycle',
      message: 'Include cycle: selfish → selfish',
    });
    expect(await failure('{% include "loop-a" %}')).toMatchObject({
      code: 'include_cycle',
      message: 'Include cycle: loop-a → loop-b → loop-a',
    });
  });

  it('treats including the template being rendered as a cycle', async () => {
    expect(await failure('{% include "greeting" %}', { templateName: 'greeting' })).toMatchObject({ code: 'include_cycle' });
  });

  it('allows five levels of nesting by default and refuses the sixth', async () => {
    const engineWithDepth = (depth?: number) => createTemplateEngine(depth === undefined ? {} : { maxIncludeDepth: depth });
    const resolver = createInMemoryResolver(library);
    const chain = { type: 'text' as const, body: '{% include "level-4" %}' };
    // level-4 → 5 → 6 → 7 → 8: five nested includes.
    await expect(engineWithDepth().render(chain, {}, { resolver })).resolves.toMatchObject({ text: '4567bottom' });
    const error = await engineWithDepth()
      .render({ type: 'text', body: '{% include "level-3" %}' }, {}, { resolver })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'include_depth', template: 'level-7@1' });
    await expect(engineWithDepth(2).render(chain, {}, { resolver })).rejects.toMatchObject({ code: 'include_depth' });
  });

  it('fails unknown templates, labels and versions with unresolved_include', async () => {
    for (const body of ['{% include "nope" %}', '{% include "greeting@canary" %}', '{% include "greeting@99" %}']) {
      expect((await failure(body)).code).toBe('unresolved_include');
    }
    const error = await engine.render({ type: 'text', body: '{% include "greeting" %}' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unresolved_include', message: expect.stringContaining('no template resolver') });
  });

  it('rejects targets that are not registry names before any lookup', async () => {
    const resolver = recording(createInMemoryResolver(library));
    for (const body of [
      '{% include "../secrets" %}',
      '{% render "/etc/passwd" %}',
      '{% include "a@b@c" %}',
      '{% include name %}',
    ]) {
      expect((await failure(body, { resolver })).code).toBe('invalid_include');
    }
    expect(resolver.calls).toEqual([]);
  });

  it('reports a syntax error inside an included template with its name', async () => {
    expect(await failure('{% include "broken" %}')).toMatchObject({ code: 'syntax_error', template: 'broken@2', line: 1 });
  });

  it('wraps resolver failures and malformed answers as resolver_error', async () => {
    const throwing: TemplateResolver = { resolve: () => Promise.reject(new Error('db down')) };
    expect(await failure('{% include "x" %}', { resolver: throwing })).toMatchObject({ code: 'resolver_error' });
    const malformed = { resolve: () => Promise.resolve({ name: 'x', version: 'one', body: 1 }) } as unknown as TemplateResolver;
    expect(await failure('{% include "x" %}', { resolver: malformed })).toMatchObject({ code: 'resolver_error' });
  });
});
