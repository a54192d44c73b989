import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePipelineSource, type PipelineLookup } from './compile.js';

/** The example's prompts exist and take `text` or `parts`. */
const lookup: PipelineLookup = {
  findPrompt: () =>
    Promise.resolve({
      variables: [
        { name: 'text', required: false },
        { name: 'parts', required: false },
      ],
    }),
  findAgent: () => Promise.resolve(true),
  findPipeline: () => Promise.resolve(null),
};

describe('docs/pipelines.md', () => {
  it('shows an example that compiles', async () => {
    const docs = readFileSync(new URL('../../../../docs/pipelines.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const result = await compilePipelineSource(example ?? '', lookup);
    expect(result.issues).toEqual([]);
    expect(result.ok && result.pipeline.graph.order).toEqual(['search', 'each', 'reduce', 'shorter']);
  });

  it('shows a fleet step that compiles against a fleet of that name', async () => {
    const docs = readFileSync(new URL('../../../../docs/pipelines.md', import.meta.url), 'utf8');
    const example = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .find((block) => block.includes('type: fleet'));
    expect(example).toBeDefined();
    const result = await compilePipelineSource(example ?? '', {
      ...lookup,
      findFleet: (name) => Promise.resolve(name === 'support'),
    });
    expect(result.issues).toEqual([]);
  });
});
