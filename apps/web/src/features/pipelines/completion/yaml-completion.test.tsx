import { pipelineDefinitionJsonSchema } from '@agent-fleet/contracts';
import { completionContext } from '../../../components/ui/code-editor/completion';
import { describe, expect, it } from 'vitest';
import { suggestionsAt, type JsonSchema } from './schema-completion';
import { schemaCompletionSource } from './yaml-completion';
import { yamlCursorAt } from './yaml-context';

const schema = pipelineDefinitionJsonSchema() as JsonSchema;

/** The text with `|` marking the cursor. */
const at = (marked: string) => ({ text: marked.replace('|', ''), offset: marked.indexOf('|') });
const labels = (marked: string) => {
  const { text, offset } = at(marked);
  const cursor = yamlCursorAt(text, offset);
  return cursor ? suggestionsAt(schema, cursor).map((suggestion) => suggestion.label) : null;
};

describe('yamlCursorAt', () => {
  it('finds the enclosing keys from indentation, and the written siblings', () => {
    const { text, offset } = at('steps:\n  fetch:\n    type: http\n    ur|\n    method: GET\n');
    expect(yamlCursorAt(text, offset)).toEqual({
      kind: 'key',
      path: ['steps', 'fetch'],
      prefix: 'ur',
      siblings: { type: 'http', method: 'GET' },
    });
  });

  it('tells a value after "key: " and an item after "- "', () => {
    const value = at('steps:\n  a:\n    type: tr|');
    expect(yamlCursorAt(value.text, value.offset)).toMatchObject({
      kind: 'value',
      path: ['steps', 'a'],
      key: 'type',
      prefix: 'tr',
    });
    const item = at('steps:\n  a:\n    retry:\n      on:\n        - |');
    expect(yamlCursorAt(item.text, item.offset)).toMatchObject({ kind: 'item', path: ['steps', 'a', 'retry', 'on'] });
  });

  it('offers nothing inside a comment', () => {
    const { text, offset } = at('steps: # st|');
    expect(yamlCursorAt(text, offset)).toBeNull();
  });
});

describe('suggestionsAt with the pipeline JSON Schema', () => {
  it('offers the top-level keys not yet written', () => {
    const top = labels('description: x\n|');
    expect(top).toEqual(expect.arrayContaining(['steps', 'inputs', 'outputs', 'defaults', 'concurrency', 'budget']));
    expect(top).not.toContain('description');
  });

  it('offers every step type as the value of a step type', () => {
    expect(labels('steps:\n  a:\n    type: |')).toEqual(
      expect.arrayContaining(['prompt', 'agent', 'http', 'transform', 'map', 'loop', 'approval', 'wait', 'pipeline', 'fleet']),
    );
  });

  it("offers the fields of the step's own type, plus the common ones", () => {
    const http = labels('steps:\n  a:\n    type: http\n    |');
    expect(http).toEqual(expect.arrayContaining(['url', 'method', 'headers', 'needs', 'retry', 'onError']));
    expect(http).not.toContain('prompt');
    expect(http).not.toContain('type');
    const prompt = labels('steps:\n  a:\n    type: prompt\n    |');
    expect(prompt).toContain('prompt');
    expect(prompt).not.toContain('url');
  });

  it('follows references into nested objects and offers enum values and list items', () => {
    expect(labels('steps:\n  a:\n    retry:\n      |')).toEqual(['maxAttempts', 'backoff', 'on']);
    expect(labels('steps:\n  a:\n    retry:\n      backoff:\n        type: |')).toEqual(['fixed', 'exponential']);
    expect(labels('steps:\n  a:\n    retry:\n      on:\n        - |')).toContain('rate_limited');
    expect(labels('steps:\n  a:\n    runAfterSkipped: |')).toEqual(['true', 'false']);
  });

  it('offers nothing where the schema knows no keys', () => {
    expect(labels('steps:\n  a:\n    with:\n      |')).toEqual([]);
  });
});

describe('schemaCompletionSource', () => {
  const complete = (marked: string, explicit = false) => {
    const { text, offset } = at(marked);
    return schemaCompletionSource(schema)(completionContext(text, offset, explicit));
  };

  it('replaces the typed word and writes "key: " for a key', () => {
    const result = complete('steps:\n  a:\n    type: http\n    ur|');
    expect(result?.from).toBe('steps:\n  a:\n    type: http\n    '.length);
    expect(result?.options.find((option) => option.label === 'url')?.apply).toBe('url: ');
  });

  it('waits for Ctrl-Space on an empty line', () => {
    expect(complete('steps:\n  a:\n    |')).toBeNull();
    expect(complete('steps:\n  a:\n    |', true)?.options.map((option) => option.label)).toContain('type');
  });

  it("offers the document's other step ids in needs, block or one-line, and as a fallback", () => {
    const doc = 'steps:\n  fetch:\n    type: http\n  classify:\n    type: transform\n';
    const ids = (marked: string) => complete(marked)?.options.map((option) => option.label);
    expect(ids(`${doc}  notify:\n    needs:\n      - |`)).toEqual(['fetch', 'classify']);
    expect(ids(`${doc}  notify:\n    needs: [fetch, cl|`)).toEqual(['fetch', 'classify']);
    expect(ids(`steps:\n  fetch:\n    onError:\n      fallback: |\n  backup:\n    type: http\n`)).toEqual(['backup']);
    expect(complete(`${doc}  notify:\n    needs: [fetch, cl|`)?.from).toBe(`${doc}  notify:\n    needs: [fetch, `.length);
  });
});
