import { describe, expect, it } from 'vitest';
import { PipelineDefinitionSchema, pipelineDefinitionJsonSchema, STEP_TYPES, StepSchema } from './definition.js';

const issuesOf = (value: unknown) => PipelineDefinitionSchema.safeParse(value).error?.issues ?? [];

describe('PipelineDefinitionSchema', () => {
  it('accepts a definition using every part of the format', () => {
    const definition = {
      description: 'Research summary',
      inputs: { topic: { type: 'string', required: true }, depth: { type: 'number', default: 2 } },
      outputs: { summary: '${{ steps.reduce.output }}' },
      defaults: {
        retry: {
          maxAttempts: 3,
          backoff: { type: 'exponential', delay: '1s', maxDelay: '30s', jitter: true },
          on: ['rate_limited', 'timeout'],
        },
        timeout: '5m',
      },
      concurrency: { max: 4, key: 'input.topic' },
      budget: { maxUsd: 2.5 },
      steps: {
        search: {
          type: 'http',
          method: 'GET',
          url: 'https://example.com/?q=${{ input.topic }}',
          idempotencyKey: '${{ run.id }}',
        },
        each: {
          type: 'map',
          needs: ['search'],
          items: 'steps.search.output.results',
          concurrency: 4,
          maxFailures: 1,
          step: { type: 'prompt', prompt: 'summarize@production', with: { text: '${{ item }}' } },
        },
        reduce: { type: 'transform', needs: ['each'], value: '${{ steps.each.output }}', onError: { fallback: 'apology' } },
        apology: { type: 'transform', value: 'sorry' },
        review: {
          type: 'approval',
          needs: ['reduce'],
          assignees: { roles: ['editor'] },
          timeout: '1d',
          onTimeout: 'reject',
          form: { type: 'object' },
        },
        pause: { type: 'wait', needs: ['review'], duration: '10m', onError: 'continue' },
        refine: {
          type: 'loop',
          needs: ['pause'],
          maxIterations: 3,
          until: 'steps.refine.output.done',
          step: { type: 'agent', agent: 'Writer', task: 'Improve it' },
        },
        child: {
          type: 'pipeline',
          pipeline: 'publish@staging',
          with: { text: '${{ steps.reduce.output }}' },
          runAfterSkipped: true,
        },
        team: { type: 'fleet', fleet: 'editors@production', input: { text: 'x' }, skills: ['review'] },
      },
    };
    expect(issuesOf(definition)).toEqual([]);
  });

  it('refuses unknown fields at every level', () => {
    const issues = issuesOf({
      stepz: {},
      steps: { a: { type: 'transform', value: 1, valeu: 2, retry: { maxAttempts: 2, bogus: 1 } } },
    });
    expect(
      issues
        .filter((issue) => issue.code === 'unrecognized_keys')
        .map((issue) => [issue.path.join('.'), (issue as { keys: string[] }).keys]),
    ).toEqual(
      expect.arrayContaining([
        ['', ['stepz']],
        ['steps.a', ['valeu']],
        ['steps.a.retry', ['bogus']],
      ]),
    );
  });

  it('refuses an unknown step type by its discriminator', () => {
    const [issue] = issuesOf({ steps: { a: { type: 'shell', run: 'rm -rf /' } } });
    expect(issue?.path).toEqual(['steps', 'a', 'type']);
  });

  it('names the missing bounds of a map and a loop', () => {
    const messages = issuesOf({
      steps: {
        m: { type: 'map', items: 'input.list', step: { type: 'transform', value: 1 } },
        l: { type: 'loop', until: 'true', step: { type: 'transform', value: 1 } },
      },
    }).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toEqual([
      'steps.m.concurrency: A map needs a concurrency: how many items run at once',
      'steps.m.maxFailures: A map needs maxFailures: how many failed items it tolerates',
      'steps.l.maxIterations: A loop needs maxIterations: the most times it runs',
    ]);
  });

  it('refuses a map body with DAG fields of its own, and a nested map', () => {
    const base = { type: 'map', items: 'input.list', concurrency: 1, maxFailures: 0 };
    expect(StepSchema.safeParse({ ...base, step: { type: 'transform', value: 1, needs: ['x'] } }).success).toBe(false);
    expect(StepSchema.safeParse({ ...base, step: { ...base, step: { type: 'transform', value: 1 } } }).success).toBe(false);
  });

  it('needs exactly one of duration and until on a wait step', () => {
    expect(StepSchema.safeParse({ type: 'wait' }).success).toBe(false);
    expect(StepSchema.safeParse({ type: 'wait', duration: '1s', until: '2030-01-01T00:00:00Z' }).success).toBe(false);
    expect(StepSchema.safeParse({ type: 'wait', duration: '1s' }).success).toBe(true);
  });

  it('refuses step ids and input names that are not CEL identifiers, bad references and durations', () => {
    const paths = issuesOf({
      inputs: { 'my-topic': { type: 'string' } },
      steps: {
        'fetch-page': { type: 'transform', value: 1 },
        p: { type: 'prompt', prompt: 'a b@c' },
        t: { type: 'transform', value: 1, timeout: '5 minutes' },
      },
    }).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['inputs.my-topic', 'steps.fetch-page', 'steps.p.prompt', 'steps.t.timeout']));
  });

  it('refuses a pipeline without steps', () => {
    expect(issuesOf({ steps: {} }).map((issue) => issue.message)).toEqual(['A pipeline has at least one step']);
  });
});

describe('pipelineDefinitionJsonSchema', () => {
  it('describes every step type and refuses unknown fields, for the editor', () => {
    const schema = pipelineDefinitionJsonSchema();
    const text = JSON.stringify(schema);
    for (const type of STEP_TYPES) expect(text).toContain(`"const":"${type}"`);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const definitions = schema.$defs as Record<string, { additionalProperties?: unknown }>;
    expect(definitions.PipelineDefinition?.additionalProperties).toBe(false);
  });
});
