import { describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateRenderError, type RenderResult } from './index.js';

const engine = createTemplateEngine();

async function text(body: string, variables: Record<string, unknown> = {}): Promise<string> {
  const result = await engine.render({ type: 'text', body }, variables);
  if (result.type !== 'text') throw new Error('expected a text result');
  return result.text;
}

async function failure(body: string, variables: Record<string, unknown> = {}): Promise<TemplateRenderError> {
  try {
    await engine.render({ type: 'text', body }, variables);
  } catch (error) {
    if (error instanceof TemplateRenderError) return error;
    throw error;
  }
  throw new Error('expected the render to fail');
}

describe('rendering text templates', () => {
  it('substitutes variables, nested paths and indexes', async () => {
    expect(
      await text('Hi {{ user.name }}, first: {{ items[0] }}, last: {{ items.last }}', {
        user: { name: 'Ada' },
        items: ['a', 'b'],
      }),
    ).toBe('Hi Ada, first: a, last: b');
  });

  it('applies filters and defaults', async () => {
    expect(await text('{{ name | default: "friend" }}/{{ missing | default: "x" }}', { name: '' })).toBe('friend/x');
    expect(await text('{{ name | upcase | append: "!" }} {{ n | plus: 2 | times: 3 }}', { name: 'ada', n: 1 })).toBe('ADA! 9');
    expect(await text('{{ tags | join: ", " }} {{ text | truncate: 8 }}', { tags: ['a', 'b'], text: 'abcdefghijkl' })).toBe(
      'a, b abcde...',
    );
  });

  it('renders undefined variables as empty text', async () => {
    expect(await text('[{{ nobody }}][{{ nobody.name }}]')).toBe('[][]');
  });

  it('evaluates if / elsif / else with comparisons and and/or', async () => {
    const body = '{% if n > 10 and big %}huge{% elsif n >= 5 or forced %}mid{% else %}small{% endif %}';
    expect(await text(body, { n: 20, big: true })).toBe('huge');
    expect(await text(body, { n: 20, big: false })).toBe('mid');
    expect(await text(body, { n: 1, forced: true })).toBe('mid');
    expect(await text(body, { n: 1 })).toBe('small');
    expect(await text('{% if tier == "pro" %}P{% endif %}{% unless tier != "pro" %}!{% endunless %}', { tier: 'pro' })).toBe(
      'P!',
    );
    expect(await text('{% if tags contains "x" %}yes{% endif %}', { tags: ['x'] })).toBe('yes');
  });

  it('uses Liquid truthiness, not JavaScript truthiness', async () => {
    expect(
      await text('{% if zero %}0{% endif %}{% if blank %}B{% endif %}{% if none %}N{% endif %}', { zero: 0, blank: '' }),
    ).toBe('0B');
  });

  it('loops over lists with forloop, else, limit and ranges', async () => {
    const body =
      '{% for item in items limit: 2 %}{{ forloop.index }}.{{ item }}{% unless forloop.last %} {% endunless %}{% else %}none{% endfor %}';
    expect(await text(body, { items: ['a', 'b', 'c'] })).toBe('1.a 2.b');
    expect(await text(body, { items: [] })).toBe('none');
    expect(await text('{% for i in (1..3) %}{{ i }}{% endfor %}')).toBe('123');
    expect(
      await text('{% for item in items %}{% if item == 2 %}{% break %}{% endif %}{{ item }}{% endfor %}', { items: [1, 2, 3] }),
    ).toBe('1');
  });

  it('keeps assign and capture local to the template', async () => {
    expect(
      await text('{% assign greeting = "Hi " | append: name %}{% capture line %}{{ greeting }}!{% endcapture %}{{ line }}', {
        name: 'Ada',
      }),
    ).toBe('Hi Ada!');
  });

  it('honours whitespace control', async () => {
    const body = 'Items:\n{%- for item in items %}\n  - {{ item -}}\n{% endfor %}\nEnd';
    expect(await text(body, { items: ['a', 'b'] })).toBe('Items:\n  - a\n  - b\nEnd');
    expect(await text('a  {{- " b " -}}  c')).toBe('a b c');
  });

  it('does not HTML-escape (prompts are plain text)', async () => {
    expect(await text('{{ snippet }}', { snippet: '<b>"x" & y</b>' })).toBe('<b>"x" & y</b>');
  });

  it('formats dates in UTC whatever the host time zone', async () => {
    expect(await text('{{ when | date: "%Y-%m-%d %H:%M" }}', { when: '2026-03-01T23:30:00Z' })).toBe('2026-03-01 23:30');
  });

  it('accepts Dates and bigints as their JSON forms', async () => {
    expect(await text('{{ at }} {{ n }}', { at: new Date('2026-01-02T03:04:05.000Z'), n: 12n })).toBe(
      '2026-01-02T03:04:05.000Z 12',
    );
  });

  it('reads a "__proto__" data key as nothing but keeps it harmless as data', async () => {
    const variables = JSON.parse('{"payload": {"__proto__": {"polluted": 1}, "ok": 2}}') as Record<string, unknown>;
    expect(await text('{{ payload.ok }}[{{ payload.polluted }}][{{ payload.__proto__ }}]', variables)).toBe('2[][]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never calls or prints functions and class instances', async () => {
    const error = await failure('{{ fn }}', { fn: () => 'ran' });
    expect(error.code).toBe('invalid_variables');
    expect((await failure('{{ m }}', { m: new Map() })).code).toBe('invalid_variables');
    expect((await failure('{{ x }}', { x: Object.defineProperty({}, 'g', { get: () => 'ran', enumerable: true }) })).code).toBe(
      'invalid_variables',
    );
  });
});

describe('template errors', () => {
  it('reports syntax errors with their position', async () => {
    const error = await failure('Hello\n  {% if %}');
    // LiquidJS points at the missing condition, just after `if`.
    expect(error).toMatchObject({ code: 'syntax_error', line: 2, column: 8 });
  });

  it('reports unknown filters as undefined_filter', async () => {
    const error = await failure('{{ name | shout }}');
    expect(error).toMatchObject({ code: 'undefined_filter', message: 'Unknown filter "shout"', line: 1 });
  });

  it('refuses layout and block, which would need a filesystem', async () => {
    expect((await failure('{% layout "base" %}')).code).toBe('unsupported_tag');
    expect((await failure('{% block main %}x{% endblock %}')).code).toBe('unsupported_tag');
  });

  it('reports a runtime failure as render_failed with its position', async () => {
    const error = await failure('ok\n{{ "%%%" | url_decode }}');
    expect(error).toMatchObject({ code: 'render_failed', line: 2 });
  });
});

describe('chat templates', () => {
  it('renders each message and returns the messages', async () => {
    const result: RenderResult = await engine.render(
      {
        type: 'chat',
        messages: [
          { role: 'system', content: 'You are {{ persona | default: "helpful" }}.' },
          { role: 'user', content: '{% for q in questions %}Q: {{ q }}\n{% endfor %}' },
          { role: 'assistant', content: 'Noted.' },
        ],
      },
      { questions: ['a?', 'b?'] },
    );
    expect(result).toEqual({
      type: 'chat',
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'Q: a?\nQ: b?\n' },
        { role: 'assistant', content: 'Noted.' },
      ],
      includes: [],
    });
  });

  it('renders messages independently: assign does not leak from one to the next', async () => {
    const result = await engine.render({
      type: 'chat',
      messages: [
        { role: 'system', content: '{% assign x = "set" %}{{ x }}' },
        { role: 'user', content: '[{{ x }}]' },
      ],
    });
    expect(result.type === 'chat' && result.messages.map((message) => message.content)).toEqual(['set', '[]']);
  });

  it('says which message failed', async () => {
    const error = await engine
      .render({
        type: 'chat',
        messages: [
          { role: 'system', content: 'ok' },
          { role: 'user', content: '{{ x | nope }}' },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'undefined_filter', messageIndex: 1 });
  });
});
