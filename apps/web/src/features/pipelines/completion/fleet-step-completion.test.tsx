import { pipelineDefinitionJsonSchema } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { stepColor } from '../graph/step-colors';
import { suggestionsAt, type JsonSchema } from './schema-completion';
import { yamlCursorAt } from './yaml-context';

const schema = pipelineDefinitionJsonSchema() as JsonSchema;

/** The suggestions at `|`. */
const labels = (marked: string) => {
  const text = marked.replace('|', '');
  const cursor = yamlCursorAt(text, marked.indexOf('|'));
  return cursor ? suggestionsAt(schema, cursor).map((suggestion) => suggestion.label) : null;
};

describe('the fleet step in the editor', () => {
  it('offers a fleet step its own fields, and not those of other step types', () => {
    const keys = labels('steps:\n  ask:\n    type: fleet\n    |');
    expect(keys).toEqual(expect.arrayContaining(['fleet', 'input', 'skills', 'needs', 'retry', 'onError']));
    expect(keys).not.toContain('prompt');
    expect(keys).not.toContain('url');
    expect(keys).not.toContain('type');
  });

  it('offers a fleet step inside a map body', () => {
    const keys = labels('steps:\n  each:\n    type: map\n    step:\n      type: fleet\n      |');
    expect(keys).toEqual(expect.arrayContaining(['fleet', 'input', 'skills']));
  });

  it('offers the error class a draining fleet fails with in retry.on', () => {
    expect(labels('steps:\n  ask:\n    type: fleet\n    retry:\n      on:\n        - |')).toEqual(
      expect.arrayContaining(['unavailable', 'rate_limited', 'timeout', 'provider']),
    );
  });

  it('draws a fleet node in its own colour, not the colour of an unknown type', () => {
    expect(stepColor('fleet')).toContain('fuchsia');
    expect(stepColor('fleet')).not.toBe(stepColor('no-such-type'));
  });
});
