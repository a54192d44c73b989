import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEventLoopTurns } from '@agent-fleet/testing';
import {
  createInMemoryResolver,
  createIsolatedTemplateEngine,
  createTemplateEngine,
  TemplateRenderError,
  type IsolatedTemplateEngine,
} from './index.js';

/** The finding of issue 8: each of these blocked the event loop for ~1 s when rendered in-process. */
const WORST_CASE = '{% tablerow i in (1..1000000) %}{{ i }}{% endtablerow %}';
/** Nine million empty iterations: under every output and memory limit, so only time stops it. */
const SPIN = '{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}';

const engines: IsolatedTemplateEngine[] = [];
const isolated = (options: Parameters<typeof createIsolatedTemplateEngine>[0] = {}) => {
  const engine = createIsolatedTemplateEngine(options);
  engines.push(engine);
  return engine;
};
afterAll(() => Promise.all(engines.map((engine) => engine.close())));
/** One engine with default limits for the tests that need nothing special (each engine starts its own worker). */
let common: IsolatedTemplateEngine;
beforeAll(() => {
  common = isolated({ workers: 1 });
});

const failure = async (work: Promise<unknown>): Promise<TemplateRenderError> => {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TemplateRenderError);
  return error as TemplateRenderError;
};

// Workers load the TypeScript source through tsx in tests: a cold start takes a second or two on a busy machine.
describe('isolated template engine', { timeout: 30_000 }, () => {
  it('renders like the in-process engine, looking includes up on the host', async () => {
    const engine = common;
    const resolver = createInMemoryResolver([{ name: 'greeting', version: 2, labels: ['production'], body: 'Hello {{ who }}' }]);
    const source = { type: 'text' as const, body: '{% include "greeting@production" %}, {{ n | plus: 1 }}!' };
    const variables = { who: 'Ada', n: 41 };
    const expected = await createTemplateEngine().render(source, variables, { resolver, countTokens: true });
    const result = await engine.render(source, variables, { resolver, countTokens: true });
    expect(result).toEqual(expected);
    expect(result).toMatchObject({ text: 'Hello Ada, 42!', includes: [{ name: 'greeting', version: 2 }] });
    expect(result.tokens).toBeGreaterThan(3);
  });

  it('keeps the code and position of a template error', async () => {
    const engine = common;
    const error = await failure(engine.render({ type: 'text', body: 'a\n{{ x | nope }}' }));
    expect(error).toMatchObject({ code: 'undefined_filter', line: 2 });
    const invalid = await failure(
      engine.render({ type: 'text', body: '{{ n }}' }, {}, { declarations: [{ name: 'n', type: 'number', required: true }] }),
    );
    expect(invalid.code).toBe('invalid_variables');
    expect(invalid.problems).toEqual([{ variable: 'n', message: expect.any(String) as string }]);
  });

  it('analyses in the worker, following includes through the host', async () => {
    const engine = common;
    const resolver = createInMemoryResolver([{ name: 'footer', version: 1, body: '{{ signature }}' }]);
    const diagnostics = await engine.analyze({ source: { type: 'text', body: '{% include "footer" %}{{ who }}' }, resolver });
    expect(diagnostics.map((d) => [d.code, d.variable])).toEqual([
      ['undeclared_variable', 'signature'],
      ['undeclared_variable', 'who'],
    ]);
  });

  it('keeps the event loop responsive while a worst-case template renders, and stops it with an error', async () => {
    const engine = isolated({ workers: 2 });
    await engine.render({ type: 'text', body: 'warm-up' });
    const turns = countEventLoopTurns();
    const errors = await Promise.all(
      [WORST_CASE, SPIN, WORST_CASE, SPIN].map((body) => failure(engine.render({ type: 'text', body }))),
    );
    const loopTurns = await turns.stop();
    // The tablerow is cut by its output limit, or by time on a slow machine; the spin only by time.
    const cut = expect.stringMatching(/^(output_too_large|render_timeout)$/) as unknown;
    expect(errors.map((error) => error.code)).toEqual([cut, 'render_timeout', cut, 'render_timeout']);
    // In-process, each of these renders holds the loop for about a second, so it barely turns (a few
    // times between renders); in workers it turns thousands of times while they run, even on a busy machine.
    expect(loopTurns).toBeGreaterThan(100);
  });

  it('terminates a worker at the hard limit and keeps serving with a fresh one', async () => {
    const engine = isolated({ workers: 1, renderTimeoutMs: 60_000, hardTimeoutMs: 300 });
    // The worker's cold start (seconds through tsx on a busy machine) is not what the bound is about.
    await engine.render({ type: 'text', body: 'warm-up' });
    const started = performance.now();
    const error = await failure(engine.render({ type: 'text', body: SPIN }));
    expect(error.code).toBe('render_timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await engine.render({ type: 'text', body: '{{ 1 | plus: 1 }}' })).toMatchObject({ text: '2' });
  });

  it('answers engine_busy at once when every worker is taken and the queue is full', async () => {
    const engine = isolated({ workers: 1, maxQueue: 0, renderTimeoutMs: 60_000, hardTimeoutMs: 2_000 });
    const running = failure(engine.render({ type: 'text', body: SPIN }));
    const busy = await failure(engine.render({ type: 'text', body: 'hi' }));
    expect(busy.code).toBe('engine_busy');
    expect((await running).code).toBe('render_timeout');
  });

  it('keeps a render that waits (work the server runs) in line past the full queue, and runs it once the worker frees', async () => {
    const engine = isolated({ workers: 1, maxQueue: 0, renderTimeoutMs: 60_000, hardTimeoutMs: 2_000 });
    const running = failure(engine.render({ type: 'text', body: SPIN }));
    const waiting = Array.from({ length: 3 }, (_, i) =>
      engine.render({ type: 'text', body: `{{ ${i} | plus: 1 }}` }, {}, { wait: true }),
    );
    // A client's render meanwhile is still refused: the waiting ones fill the line it sees.
    expect((await failure(engine.render({ type: 'text', body: 'hi' }))).code).toBe('engine_busy');
    expect((await running).code).toBe('render_timeout');
    expect(await Promise.all(waiting)).toMatchObject([{ text: '1' }, { text: '2' }, { text: '3' }]);
  });

  it('refuses variables that cannot cross to a worker as invalid variables', async () => {
    const engine = common;
    const error = await failure(engine.render({ type: 'text', body: '{{ f }}' }, { f: () => 1 }));
    expect(error.code).toBe('invalid_variables');
  });

  it('rejects renders after close', async () => {
    const engine = createIsolatedTemplateEngine({ workers: 1 });
    await engine.render({ type: 'text', body: 'x' });
    await engine.close();
    await expect(engine.render({ type: 'text', body: 'x' })).rejects.toThrow(/closed/);
  });

  it('lets a process exit while its workers idle, without close() (no hanging test runs or CLIs)', async () => {
    const index = new URL('./index.ts', import.meta.url).href;
    const script = `import { createIsolatedTemplateEngine } from ${JSON.stringify(index)};
      const engine = createIsolatedTemplateEngine();
      console.log((await engine.render({ type: 'text', body: '{{ 1 | plus: 1 }}' })).text);`;
    // An ESM entry: the worker bootstrap inherits --input-type=module and must still load.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../../../../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => child.kill(), 25_000);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(killer);
    expect({ code, output: output.trim() }).toEqual({ code: 0, output: '2' });
  });
});
