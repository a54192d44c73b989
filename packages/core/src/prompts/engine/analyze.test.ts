import { describe, expect, it } from 'vitest';
import {
  analyzeTemplate,
  createInMemoryResolver,
  createTemplateEngine,
  type AnalyzeInput,
  type TemplateDiagnostic,
  type VariableDeclaration,
} from './index.js';

const resolver = createInMemoryResolver([
  { name: 'footer', version: 1, body: 'Bye {{ name }} from {{ team }}' },
  { name: 'row', version: 1, body: '{{ forloop.index }}. {{ item.title }} {{ extra }}' },
  { name: 'card', version: 1, body: '{{ card.title }} {{ subtitle }}' },
  { name: 'loop-a', version: 1, body: '{% include "loop-b" %}' },
  { name: 'loop-b', version: 1, body: '{% include "loop-a" %}' },
  { name: 'broken', version: 3, body: 'ok\n{{ x | nope }}' },
  ...Array.from({ length: 6 }, (_item, index) => ({
    name: `level-${index + 1}`,
    version: 1,
    body: `{% include "level-${index + 2}" %}`,
  })),
  { name: 'level-7', version: 1, body: 'bottom' },
]);

const string = (name: string, extra: Partial<VariableDeclaration> = {}): VariableDeclaration => ({
  name,
  type: 'string',
  required: true,
  ...extra,
});

function analyze(
  body: string,
  declarations: VariableDeclaration[] = [],
  extra: Partial<AnalyzeInput> = {},
): Promise<TemplateDiagnostic[]> {
  return analyzeTemplate({ source: { type: 'text', body }, declarations, resolver, ...extra });
}

describe('static analysis', () => {
  it('finds nothing wrong with a clean template', async () => {
    expect(
      await analyze('Hi {{ name }}{% for t in tags %} #{{ t }}{% endfor %}', [
        string('name'),
        { name: 'tags', type: 'list', required: false },
      ]),
    ).toEqual([]);
  });

  it('reports the first syntax error with its position', async () => {
    expect(await analyze('line one\n  {% if %}')).toEqual([
      {
        severity: 'error',
        code: 'syntax_error',
        message: expect.stringContaining('invalid value expression') as string,
        line: 2,
        column: 8,
      },
    ]);
    expect(await analyze('{% for x in xs %}\n{{ x }}')).toMatchObject([{ code: 'syntax_error', line: 1, column: 1 }]);
  });

  it('points undefined_filter at the filter name', async () => {
    expect(await analyze('Hi\n{{ name | upcase | shout }}', [string('name')])).toMatchObject([
      { severity: 'error', code: 'undefined_filter', message: 'Unknown filter "shout"', line: 2, column: 20 },
    ]);
  });

  it('reports unsupported tags and invalid include targets', async () => {
    expect(await analyze('ok\n{% layout "base" %}')).toMatchObject([{ code: 'unsupported_tag', line: 2, column: 1 }]);
    expect(await analyze('{% include "../etc/passwd" %}')).toMatchObject([{ code: 'invalid_include', line: 1, column: 1 }]);
    expect(await analyze('x {% render partial_name %}')).toMatchObject([{ code: 'invalid_include', line: 1, column: 3 }]);
  });

  it('reports a body over the length limit', async () => {
    const engine = createTemplateEngine({ maxTemplateLength: 10 });
    expect(await engine.analyze({ source: { type: 'text', body: 'x'.repeat(11) } })).toMatchObject([
      { code: 'template_too_large' },
    ]);
  });

  it('reports each undeclared variable where it is used', async () => {
    expect(await analyze('Hi {{ name }}\n{% if plan == "pro" %}{{ user.email }}{% endif %}', [string('name')])).toEqual([
      {
        severity: 'error',
        code: 'undeclared_variable',
        message: 'Variable "plan" is not declared',
        variable: 'plan',
        line: 2,
        column: 7,
      },
      {
        severity: 'error',
        code: 'undeclared_variable',
        message: 'Variable "user" is not declared',
        variable: 'user',
        line: 2,
        column: 26,
      },
    ]);
  });

  it('does not report loop variables, forloop, assign, capture and increment locals', async () => {
    const body = [
      '{% for item in items %}{{ item.name }} {{ forloop.index }}{% endfor %}',
      '{% assign total = items | size %}{{ total }}',
      '{% capture title %}T{% endcapture %}{{ title }}',
      '{% increment counter %}{% tablerow cell in items %}{{ cell }}{{ tablerowloop.col }}{% endtablerow %}',
    ].join('\n');
    expect(await analyze(body, [{ name: 'items', type: 'list', required: true }])).toEqual([]);
  });

  it('reports a variable used before it is assigned', async () => {
    expect(await analyze('{{ total }}{% assign total = 1 %}{{ total }}')).toMatchObject([
      { code: 'undeclared_variable', variable: 'total', line: 1, column: 4 },
    ]);
  });

  it('warns about declared variables the template never uses', async () => {
    expect(await analyze('{{ name }}', [string('name'), string('tone')])).toEqual([
      { severity: 'warning', code: 'unused_variable', message: 'Variable "tone" is declared but never used', variable: 'tone' },
    ]);
  });

  it('reports invalid declarations', async () => {
    const diagnostics = await analyze('{{ a }}{{ mode }}', [
      string('a'),
      string('a'),
      { name: 'mode', type: 'enum', required: true },
      { name: 'count', type: 'number', required: false, default: 'three' },
      { name: '9lives', type: 'string', required: false },
    ]);
    expect(
      diagnostics.filter((diagnostic) => diagnostic.code === 'invalid_declaration').map((diagnostic) => diagnostic.message),
    ).toEqual([
      '"a" is declared more than once',
      '"mode" is an enum without options',
      'the default of "count" must be a finite number, got "three"',
      '"9lives" is not a valid variable name (letters, digits, _ and -, not starting with a digit or __)',
    ]);
  });

  describe('includes', () => {
    it('counts variables used by included templates (shared scope) as used or undeclared', async () => {
      expect(await analyze('Thanks!\n  {% include "footer" %}', [string('name')])).toEqual([
        {
          severity: 'error',
          code: 'undeclared_variable',
          message: 'Variable "team" is used by included template footer but is not declared or passed to it',
          variable: 'team',
          line: 2,
          column: 3,
        },
      ]);
      expect(await analyze('{% include "footer", team: "Ops" %}', [string('name')])).toEqual([]);
    });

    it('sees loop variables of the including template inside the include', async () => {
      expect(
        await analyze('{% for item in items %}{% include "row", extra: 1 %}{% endfor %}', [
          { name: 'items', type: 'list', required: true },
        ]),
      ).toEqual([]);
    });

    it('maps render aliases back to the caller variables', async () => {
      expect(
        await analyze('{% render "card" with post as card, subtitle: "s" %}', [{ name: 'post', type: 'object', required: true }]),
      ).toEqual([]);
      expect(
        await analyze('{% render "card" with post as card %}', [{ name: 'post', type: 'object', required: true }]),
      ).toMatchObject([{ code: 'undeclared_variable', variable: 'subtitle', line: 1, column: 1 }]);
    });

    it('reports unresolved includes where they are written', async () => {
      expect(await analyze('a\nb {% include "nope@production" %}')).toEqual([
        {
          severity: 'error',
          code: 'unresolved_include',
          message: 'Template "nope@production" does not exist',
          include: 'nope@production',
          line: 2,
          column: 3,
        },
      ]);
    });

    it('finds includes inside blocks and {% liquid %} tags', async () => {
      const body =
        '{% if a %}{% for x in (1..2) %}{% case x %}{% when 1 %}{% include "nope-1" %}{% endcase %}{% endfor %}{% endif %}\n{% liquid\n  include "nope-2"\n%}';
      expect(
        (await analyze(body, [string('a')])).map((diagnostic) => [diagnostic.code, diagnostic.include, diagnostic.line]),
      ).toEqual([
        ['unresolved_include', 'nope-1@latest', 1],
        ['unresolved_include', 'nope-2@latest', 3],
      ]);
    });

    it('reports include cycles, including the template itself', async () => {
      expect(await analyze('{% include "loop-a" %}')).toMatchObject([
        { code: 'include_cycle', message: 'Include cycle: loop-a → loop-b → loop-a', line: 1, column: 1 },
      ]);
      expect(await analyze('x {% include "footer" %}', [], { templateName: 'footer' })).toMatchObject([
        { code: 'include_cycle', message: 'Include cycle: footer → footer', line: 1, column: 3 },
      ]);
    });

    it('reports includes nested deeper than the limit', async () => {
      // level-3 → 4 → 5 → 6 → 7 is five nested includes; starting at level-2 makes six.
      expect(await analyze('{% include "level-3" %}')).toEqual([]);
      expect(await analyze('\n{% include "level-2" %}')).toMatchObject([
        {
          code: 'include_depth',
          line: 2,
          column: 1,
          message: expect.stringContaining('(level-2 → level-3 → level-4 → level-5 → level-6 → level-7)') as string,
        },
      ]);
    });

    it('reports syntax errors inside included templates at the include', async () => {
      expect(await analyze('{{ x }} {% include "broken" %}', [string('x')])).toMatchObject([
        {
          code: 'undefined_filter',
          line: 1,
          column: 9,
          message: 'Included template broken@3 (line 2, column 8): Unknown filter "nope"',
        },
      ]);
    });

    it('reports a failing resolver as resolver_error', async () => {
      const failing = { resolve: () => Promise.reject(new Error('db down')) };
      expect(await analyze('{% include "x" %}', [], { resolver: failing })).toMatchObject([
        { code: 'resolver_error', line: 1, column: 1 },
      ]);
    });

    it('does not follow includes without a resolver', async () => {
      expect(await analyzeTemplate({ source: { type: 'text', body: '{% include "anything" %}' } })).toEqual([]);
    });

    it('stops following includes after maxAnalyzedIncludes', async () => {
      const engine = createTemplateEngine({ maxAnalyzedIncludes: 2 });
      const body = '{% include "footer" %}{% include "footer" %}\n{% include "footer" %}';
      expect(
        await engine.analyze({ source: { type: 'text', body }, declarations: [string('name'), string('team')], resolver }),
      ).toEqual([
        {
          severity: 'warning',
          code: 'too_many_includes',
          message: 'Analysis stopped after 2 includes; the rest was not checked',
          include: 'footer@latest',
          line: 2,
          column: 1,
        },
      ]);
    });
  });

  it('gives up on variable checks for templates too big to analyse cheaply', async () => {
    const body = `${'x'.repeat(60_000)}${'{{ a }}'.repeat(5_000)}`;
    const started = performance.now();
    const diagnostics = await analyze(body, [string('a')]);
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'analysis_incomplete' }]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('analyses each chat message and says which one a problem is in', async () => {
    const diagnostics = await analyzeTemplate({
      source: {
        type: 'chat',
        messages: [
          { role: 'system', content: 'You help {{ name }}.' },
          { role: 'user', content: 'Q:\n{{ question | nope }}' },
          { role: 'assistant', content: '{{ draft }}' },
        ],
      },
      declarations: [string('name'), string('question')],
    });
    expect(diagnostics).toEqual([
      { severity: 'error', code: 'undefined_filter', message: 'Unknown filter "nope"', line: 2, column: 15, messageIndex: 1 },
      {
        severity: 'error',
        code: 'undeclared_variable',
        message: 'Variable "draft" is not declared',
        variable: 'draft',
        line: 1,
        column: 4,
        messageIndex: 2,
      },
    ]);
  });

  it('reports unknown chat roles', async () => {
    const source = { type: 'chat' as const, messages: [{ role: 'tool' as 'user', content: 'x' }] };
    expect(await analyzeTemplate({ source })).toMatchObject([{ code: 'syntax_error', messageIndex: 0 }]);
  });
});
