import { LATEST_LABEL, type InputDeclaration, type PipelineDefinition } from '@agent-fleet/contracts';
import { parseIncludeRef } from '../../prompts/engine/index.js';
import type { PromptRepository } from '../../prompts/prompt-repository.js';
import type { PipelineLookup, TargetVariable } from '../compile.js';
import type { PipelineRepository } from './pipeline-repository.js';
import { parsePipelineRef } from './pipeline-ref.js';

/** The version a label or number selects, or null. */
export const selectVersion = (
  record: { latestVersion: number; labels: Record<string, number> },
  selector: PipelineRefSelector,
) =>
  'version' in selector
    ? selector.version
    : selector.label === LATEST_LABEL
      ? record.latestVersion
      : (record.labels[selector.label] ?? null);
type PipelineRefSelector = { version: number } | { label: string };

/**
 * The definition `name`, `name@label` or `name@<n>` picks now in one workspace; null when any part does
 * not exist. The version is chosen by the same read that pins a run's (`pinVersions`).
 */
export async function pinnedDefinition(
  pipelines: PipelineRepository,
  workspaceId: string,
  text: string,
): Promise<PipelineDefinition | null> {
  const ref = parsePipelineRef(text);
  const [pinned] = ref ? await pipelines.pinVersions([{ workspaceId, ref }]) : [];
  return pinned ? pipelines.versionDefinition(workspaceId, pinned.versionId) : null;
}

const inputsOf = (inputs: Record<string, InputDeclaration> | undefined): TargetVariable[] =>
  Object.entries(inputs ?? {}).map(([name, declaration]) => ({
    name,
    required: declaration.required && declaration.default === undefined,
  }));

/**
 * What the compiler checks references against: the prompts, agents, pipelines and (when `fleetExists` is
 * given) fleets of one workspace, read from the database.
 */
export function registryLookup(
  workspaceId: string,
  deps: {
    prompts: PromptRepository;
    pipelines: PipelineRepository;
    fleetExists?: ((workspaceId: string, name: string) => Promise<boolean>) | undefined;
  },
): PipelineLookup {
  const { fleetExists } = deps;
  return {
    ...(fleetExists ? { findFleet: (name: string) => fleetExists(workspaceId, name) } : {}),
    async findPrompt(text) {
      let ref;
      try {
        ref = parseIncludeRef(text);
      } catch {
        return null;
      }
      // The same one-statement resolution a prompt step and a render use.
      const version = (await deps.prompts.resolveVersion(workspaceId, ref.name, ref.selector))?.version;
      if (!version) return null;
      return {
        variables: version.variables.map((variable) => ({
          name: variable.name,
          required: variable.required === true && variable.default === undefined,
        })),
      };
    },
    findAgent: (name) => deps.pipelines.agentExists(workspaceId, name),
    async findPipeline(text) {
      const definition = await pinnedDefinition(deps.pipelines, workspaceId, text);
      return definition ? { inputs: inputsOf(definition.inputs) } : null;
    },
  };
}
