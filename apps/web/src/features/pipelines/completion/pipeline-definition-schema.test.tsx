import { pipelineDefinitionJsonSchema } from '@agent-fleet/contracts';
import schema from 'virtual:pipeline-definition-schema';
import { describe, expect, it } from 'vitest';

describe('virtual:pipeline-definition-schema', () => {
  it("is the contract's JSON Schema of a pipeline definition, computed when the app is built", () => {
    expect(schema).toEqual(pipelineDefinitionJsonSchema());
    expect(Object.keys(schema)).toContain('$defs');
  });
});
