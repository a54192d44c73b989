import { describe, expect, it } from 'vitest';
import { compilePipeline, compilePipelineSource, type PipelineLookup } from './compile.js';

const lookup: PipelineLookup = {
  findPrompt: (ref) =>
    Promise.resolve(
      ref.startsWith('summarize')
        ? {
            variables: [
              { name: 'text', required: true },
              { name: 'tone', required: false },
            ],
          }
        : null,
    ),
  findAgent: (name) => Promise.resolve(name === 'Writer'),
  findPipeline: (ref) => Promise.resolve(ref.startsWith('publish') ? { inputs: [{ name: 'doc', required: true }] } : null),
};
const compile = (definition: unknown) => compilePipeline(definition, lookup);
const issuesOf = async (definition: unknown) => (await compile(definition)).issues.map(({ path, code }) => `${path} ${code}`);
const transform = (extra: Record<string, unknown> = {}) => ({ type: 'transform', value: 1, ...extra });

describe('compilePipeline', () => {
  it('compiles a valid pipeline into its run order and dependency structure', async () => {
    const result = await compile({
      inputs: { topic: { type: 'string', required: true } },
      outputs: { summary: '${{ steps.summarize.output }}' },
      steps: {
        summarize: {
          type: 'prompt',
          prompt: 'summarize@production',
          needs: ['fetch'],
          with: { text: '${{ steps.fetch.output.body }}' },
          onError: { fallback: 'apology' },
        },
        fetch: { type: 'http', url: 'https://example.com/?q=${{ input.topic }}' },
        apology: transform({ value: 'Sorry, ${{ input.topic }} failed' }),
      },
    });
    expect(result.issues).toEqual([]);
    if (!result.ok) throw new Error('expected a compiled pipeline');
    expect(result.pipeline.graph).toEqual({
      order: ['fetch', 'summarize', 'apology'],
      roots: ['fetch'],
      upstream: { summarize: ['fetch'], fetch: [], apology: ['summarize'] },
      downstream: { summarize: ['apology'], fetch: ['summarize'], apology: [] },
    });
  });

  it('lists every problem at once, an invalid step not hiding the others', async () => {
    expect(
      await issuesOf({
        steps: {
          a: transform({ bogus: 1 }),
          b: { type: 'shell' },
          c: transform({ needs: ['a', 'nowhere'] }),
          d: transform({ value: '${{ input.nothing }}' }),
          e: transform({ needs: ['a'], value: '${{ steps.a.output }}' }),
        },
      }),
    ).toEqual([
      'steps.a.bogus unknown_field',
      'steps.b.type unknown_step_type',
      'steps.c.needs.1 unknown_step',
      'steps.d.value expression_type',
    ]);
  });

  it('reports a cycle with its steps, and the steps waiting on it as unreachable', async () => {
    const result = await compile({
      steps: {
        a: transform({ needs: ['c'] }),
        b: transform({ needs: ['a'] }),
        c: transform({ needs: ['b'] }),
        d: transform({ needs: ['c'] }),
      },
    });
    expect(result.issues).toEqual([
      { path: 'steps.a.needs', code: 'cycle', message: 'These steps wait for each other: a → b → c → a' },
      { path: 'steps.d', code: 'unreachable', message: 'This step can never start: it waits for a cycle' },
    ]);
  });

  it('refuses reading a step that is not upstream, or does not exist', async () => {
    expect(
      await issuesOf({
        outputs: { x: '${{ steps.ghost.output }}' },
        steps: {
          a: transform(),
          b: transform({ value: '${{ steps.a.output }}' }),
          c: transform({ needs: ['a'], value: '${{ steps.a.output }}' }),
        },
      }),
    ).toEqual(['outputs.x unknown_step', 'steps.b.value not_upstream']);
  });

  it('type-checks expressions against declared inputs and output schemas', async () => {
    const output = {
      type: 'object',
      properties: { body: { type: 'string' }, count: { type: 'integer' } },
      additionalProperties: false,
    };
    expect(
      await issuesOf({
        inputs: { n: { type: 'number' }, name: { type: 'string' } },
        steps: {
          fetch: { type: 'http', url: 'https://example.com', output },
          ok: transform({
            needs: ['fetch'],
            value: '${{ steps.fetch.output.count * 2 + input.n }} ${{ steps.fetch.output.body.size() }}',
          }),
          typo: transform({ needs: ['fetch'], value: '${{ steps.fetch.output.bdy }}' }),
          mixed: transform({ value: '${{ input.name * 2 }}' }),
          cond: transform({ if: 'input.n + 1' }),
          syntax: transform({ value: '${{ input.n + }}' }),
          unclosed: transform({ value: '${{ input.n' }),
        },
      }),
    ).toEqual([
      'steps.typo.value expression_type',
      'steps.mixed.value expression_type',
      'steps.cond.if expression_type',
      'steps.syntax.value expression_syntax',
      'steps.unclosed.value expression_syntax',
    ]);
  });

  it('scopes item and index to a map body and index to a loop, and keys to the input', async () => {
    expect(
      await issuesOf({
        inputs: { list: { type: 'list' }, customer: { type: 'string' } },
        concurrency: { max: 1, key: 'input.customer + steps.m.status' },
        steps: {
          m: {
            type: 'map',
            items: 'input.list',
            concurrency: 2,
            maxFailures: 0,
            step: transform({ value: '${{ item.name + string(index) }}' }),
          },
          notList: { type: 'map', items: 'input.customer', concurrency: 2, maxFailures: 0, step: transform() },
          l: {
            type: 'loop',
            maxIterations: 3,
            until: 'steps.l.output.done || index > 1',
            step: transform({
              value: '${{ item }}',
              output: {
                type: 'object',
                properties: { done: { type: 'boolean' }, count: { type: 'number' } },
                additionalProperties: false,
              },
            }),
          },
          outside: transform({ value: '${{ index }}' }),
          sized: transform({ needs: ['m', 'l'], value: '${{ size(steps.m.output) + steps.l.output.count }}' }),
          field: transform({ needs: ['m', 'l'], value: '${{ steps.m.output.first }} ${{ steps.l.output.cnt }}' }),
        },
      }),
    ).toEqual([
      'concurrency.key expression_type',
      'steps.notList.items expression_type',
      'steps.l.step.value expression_type',
      'steps.outside.value expression_type',
      'steps.field.value expression_type',
      'steps.field.value expression_type',
    ]);
  });

  it('looks up prompts, agents and pipelines, checking with against their variables', async () => {
    expect(
      await issuesOf({
        steps: {
          p: { type: 'prompt', prompt: 'summarize@production', with: { tone: 'dry', colour: 'red' } },
          missing: { type: 'prompt', prompt: 'nothing@production' },
          agent: { type: 'agent', agent: 'Nobody', task: 'x' },
          child: { type: 'pipeline', pipeline: 'publish@staging' },
          m: { type: 'map', items: '[1]', concurrency: 1, maxFailures: 0, step: { type: 'agent', agent: 'Ghost', task: 'x' } },
          fleet: { type: 'fleet', fleet: 'team', input: 'x' },
        },
      }),
    ).toEqual([
      'steps.p.with missing_input',
      'steps.p.with.colour unknown_input',
      'steps.missing.prompt unknown_reference',
      'steps.agent.agent unknown_reference',
      'steps.child.with missing_input',
      'steps.m.step.agent unknown_reference',
      'steps.fleet.type unsupported',
    ]);
  });

  it('looks each distinct reference up once', async () => {
    const asked: string[] = [];
    const counting: PipelineLookup = {
      ...lookup,
      findPrompt: (ref) => {
        asked.push(ref);
        return lookup.findPrompt(ref);
      },
    };
    const prompt = { type: 'prompt', prompt: 'summarize@production', with: { text: 'x' } };
    const result = await compilePipeline(
      { steps: { a: prompt, b: prompt, c: { ...prompt, prompt: 'summarize@staging' } } },
      counting,
    );
    expect(result.issues).toEqual([]);
    expect(asked.sort()).toEqual(['summarize@production', 'summarize@staging']);
  });

  it('accepts fleet steps once a fleet lookup exists', async () => {
    const result = await compilePipeline(
      { steps: { f: { type: 'fleet', fleet: 'team', input: 'x' } } },
      { ...lookup, findFleet: (ref) => Promise.resolve(ref === 'team') },
    );
    expect(result.issues).toEqual([]);
  });

  it('refuses a fleet step naming a fleet that does not exist, or a label or version of one', async () => {
    const asked: string[] = [];
    const fleets: PipelineLookup = {
      ...lookup,
      findFleet: (name) => {
        asked.push(name);
        return Promise.resolve(name === 'team');
      },
    };
    const result = await compilePipeline(
      {
        steps: {
          ok: { type: 'fleet', fleet: 'team', input: 'x', skills: ['triage'] },
          ghost: { type: 'fleet', fleet: 'ghosts', input: 'x' },
          labelled: { type: 'fleet', fleet: 'team@production', input: 'x' },
          versioned: { type: 'fleet', fleet: 'team@3', input: 'x' },
          m: { type: 'map', items: '[1]', concurrency: 1, maxFailures: 0, step: { type: 'fleet', fleet: 'ghosts', input: 'x' } },
        },
      },
      fleets,
    );
    expect(result.issues.map((issue) => `${issue.path} ${issue.code}`)).toEqual([
      'steps.ghost.fleet unknown_reference',
      'steps.labelled.fleet unsupported',
      'steps.versioned.fleet unsupported',
      'steps.m.step.fleet unknown_reference',
    ]);
    expect(result.issues.find((issue) => issue.path === 'steps.labelled.fleet')?.message).toBe(
      'Fleets have no versions or labels: name the fleet alone ("team", not "team@production")',
    );
    // A label is refused before any lookup: there is nothing to resolve.
    expect(asked.sort()).toEqual(['ghosts', 'team']);
  });

  it('checks fallbacks, approval timeouts and input defaults', async () => {
    expect(
      await issuesOf({
        inputs: { n: { type: 'number', default: 'five' }, colour: { type: 'enum' }, when: { type: 'string' } },
        steps: {
          a: transform({ onError: { fallback: 'a' } }),
          b: transform({ onError: { fallback: 'ghost' } }),
          ask: { type: 'approval', assignees: { roles: ['editor'] }, onTimeout: 'reject' },
          later: { type: 'wait', until: 'next tuesday' },
          fixed: { type: 'wait', until: '2030-01-31T09:00:00Z' },
          computed: { type: 'wait', until: '${{ input.when }}' },
        },
      }),
    ).toEqual([
      'inputs.n.default invalid',
      'inputs.colour.options invalid',
      'steps.a.onError.fallback invalid',
      'steps.b.onError.fallback unknown_step',
      'steps.ask.onTimeout invalid',
      'steps.later.until invalid',
    ]);
  });
});

describe('compilePipelineSource', () => {
  it('gives every issue of a YAML pipeline its line and column', async () => {
    const source = [
      'steps:',
      '  fetch:',
      '    type: http',
      '    url: https://example.com',
      '    retries: 3',
      '  use:',
      '    type: transform',
      '    needs: [fetch]',
      '    value: ${{ steps.fetch.output.body * }}',
      '',
    ].join('\n');
    const result = await compilePipelineSource(source, lookup);
    expect(result.issues).toEqual([
      { path: 'steps.fetch.retries', code: 'unknown_field', message: 'Unknown field "retries"', line: 5, column: 14 },
      // The column of the error inside the expression, not just of the value.
      expect.objectContaining({ path: 'steps.use.value', code: 'expression_syntax', line: 9, column: 41 }),
    ]);
  });

  it('returns YAML errors without compiling', async () => {
    const result = await compilePipelineSource('steps: &x\n  a: *x\n', lookup);
    expect(result.issues.map((issue) => issue.code)).toEqual(['yaml_alias', 'yaml_alias']);
  });
});
