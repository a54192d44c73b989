import type { PipelineValidation } from '@agent-fleet/contracts';
import { parsePipelineSource } from '../pipeline-yaml.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The steps and edges as written, for the editor's graph, even when the definition has other problems:
 * the graph helps most while the author is fixing them. Null when the text did not parse.
 */
export function validationGraph(source: string): PipelineValidation['graph'] {
  const parsed = parsePipelineSource(source);
  if (parsed.errors.length > 0 || !isRecord(parsed.data) || !isRecord(parsed.data.steps))
    return parsed.errors.length > 0 ? null : { nodes: [] };
  return {
    nodes: Object.entries(parsed.data.steps).map(([id, step]) => ({
      id,
      type: isRecord(step) && typeof step.type === 'string' ? step.type : '',
      needs:
        isRecord(step) && Array.isArray(step.needs) ? step.needs.filter((need): need is string => typeof need === 'string') : [],
    })),
  };
}
