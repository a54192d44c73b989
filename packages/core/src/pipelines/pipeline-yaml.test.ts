import { describe, expect, it } from 'vitest';
import { formatPipelineYaml, MAX_PIPELINE_SOURCE_CHARS, parsePipelineSource } from './pipeline-yaml.js';

describe('parsePipelineSource', () => {
  it('parses YAML and JSON to the same data', () => {
    const yaml = parsePipelineSource('steps:\n  a:\n    type: transform\n    value: [1, "two", true, null]\n');
    const json = parsePipelineSource('{"steps": {"a": {"type": "transform", "value": [1, "two", true, null]}}}');
    expect(yaml.errors).toEqual([]);
    expect(json.data).toEqual(yaml.data);
  });

  it('refuses anchors and aliases, each with its line and column', () => {
    const source = 'defaults: &d\n  timeout: 5s\nsteps:\n  a:\n    type: transform\n    value: *d\n';
    const parsed = parsePipelineSource(source);
    expect(parsed.data).toBeUndefined();
    expect(parsed.errors).toEqual([
      { path: '', message: 'YAML anchors (&name) are not allowed', code: 'yaml_alias', line: 2, column: 3 },
      { path: '', message: 'YAML aliases (*name) are not allowed', code: 'yaml_alias', line: 6, column: 12 },
    ]);
  });

  it('lists every syntax error with a position, duplicate keys included', () => {
    const parsed = parsePipelineSource('steps:\n  a: {type: transform\n  a: 1\n');
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors.every((error) => error.code === 'invalid_yaml' && error.line >= 2)).toBe(true);
    expect(parsePipelineSource('a: 1\na: 2\n').errors).toMatchObject([{ code: 'invalid_yaml', line: 2, column: 1 }]);
  });

  it('refuses a source above the size limit', () => {
    expect(parsePipelineSource(`# ${'x'.repeat(MAX_PIPELINE_SOURCE_CHARS)}`).errors).toMatchObject([{ code: 'too_large' }]);
  });

  it('locates a path, or the nearest node written on the way to it', () => {
    const parsed = parsePipelineSource('steps:\n  fetch:\n    type: http\n    url: https://example.com\n    headers: [a, b]\n');
    expect(parsed.locate(['steps', 'fetch', 'url'])).toEqual({ line: 4, column: 10 });
    expect(parsed.locate(['steps', 'fetch', 'headers', 1])).toEqual({ line: 5, column: 18 });
    expect(parsed.locate(['steps', 'fetch', 'missing'])).toEqual({ line: 3, column: 5 });
  });

  it('locates a character inside a string written as it reads, else the string', () => {
    const parsed = parsePipelineSource('a: plain text\nb: "quoted text"\nc: "esc\\u0041ped"\nd: |\n  block\n');
    expect(parsed.locate(['a'], 6)).toEqual({ line: 1, column: 10 });
    expect(parsed.locate(['b'], 7)).toEqual({ line: 2, column: 12 });
    expect(parsed.locate(['c'], 4)).toEqual({ line: 3, column: 4 });
    expect(parsed.locate(['d'], 2)).toEqual({ line: 4, column: 4 });
  });
});

describe('formatPipelineYaml', () => {
  const definition = {
    steps: {
      zeta: { value: { b: 1, a: 2 }, type: 'transform', needs: ['alpha'] },
      alpha: { with: { shared: { x: 1 } }, prompt: 'p@production', type: 'prompt' },
      output: { type: 'transform', value: 1 },
    },
    inputs: { topic: { required: true, type: 'string' } },
    description: 'demo',
  };

  it('writes known keys in a fixed order and keeps ids and user data in theirs', () => {
    const text = formatPipelineYaml(definition);
    expect(text.indexOf('description')).toBeLessThan(text.indexOf('inputs'));
    expect(text.indexOf('inputs')).toBeLessThan(text.indexOf('steps'));
    expect(text.indexOf('zeta')).toBeLessThan(text.indexOf('alpha'));
    expect(text.indexOf('alpha')).toBeLessThan(text.indexOf('  output:'));
    expect(text).toContain('  zeta:\n    type: transform\n    needs:\n      - alpha\n    value:\n      b: 1\n      a: 2\n');
  });

  it('round-trips: parsing gives the data back and formatting again the same text', () => {
    const shared = { x: 1 };
    const withRepeats = { ...definition, outputs: { a: shared, b: shared } };
    const text = formatPipelineYaml(withRepeats);
    const parsed = parsePipelineSource(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(withRepeats);
    expect(formatPipelineYaml(parsed.data)).toBe(text);
  });
});
