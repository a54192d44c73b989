import type { PipelineDefinition, PipelineIssue } from '@agent-fleet/contracts';
import type { PipelineRepository } from './pipeline-repository.js';
import { pipelineRefsOf } from './pipeline-ref.js';
import { pinnedDefinition } from './registry-lookup.js';

/** How many referenced versions one save may read while looking for a cycle; past it, it stops looking. */
const MAX_VISITS = 50;

/**
 * Finds `pipeline` steps that lead back to `self` (directly or through the pipelines they call, as their
 * references resolve now). Labels can move later, so this catches the common mistake cheaply; the run
 * engine still bounds child-run depth.
 */
export async function selfReferenceIssues(
  pipelines: PipelineRepository,
  workspaceId: string,
  self: string,
  definition: PipelineDefinition,
): Promise<PipelineIssue[]> {
  const issues: PipelineIssue[] = [];
  let visits = 0;
  const seen = new Set<string>();
  for (const { path, ref } of pipelineRefsOf(definition)) {
    const chain = [ref];
    const queue: { ref: string; chain: string[] }[] = [{ ref, chain }];
    let found: string[] | null = null;
    while (queue.length > 0 && !found && visits < MAX_VISITS) {
      const next = queue.shift() as { ref: string; chain: string[] };
      if (next.ref.split('@')[0] === self) {
        found = next.chain;
        break;
      }
      if (seen.has(next.ref)) continue;
      seen.add(next.ref);
      visits += 1;
      const definition = await pinnedDefinition(pipelines, workspaceId, next.ref);
      if (!definition) continue;
      for (const child of pipelineRefsOf(definition)) queue.push({ ref: child.ref, chain: [...next.chain, child.ref] });
    }
    if (found) {
      issues.push({
        path: path.join('.'),
        message: `This pipeline would run itself: ${[self, ...found].join(' → ')}`,
        code: 'cycle',
      });
    }
    seen.clear();
  }
  return issues;
}
