import { LATEST_LABEL, type InputDeclaration } from '@agent-fleet/contracts';
import { parseIncludeRef } from '../../prompts/engine/index.js';
import type { PromptRepository } from '../../prompts/prompt-repository.js';
import type { PipelineLookup, TargetVariable } from '../compile.js';
import type { PipelineRecord, PipelineRepository, PipelineVersionRecord } from './pipeline-repository.js';
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

/** A pipeline version resolved from a reference; what a run pins. */
export interface ResolvedPipelineVersion {
  pipeline: PipelineRecord;
  version: PipelineVersionRecord;
  /** The label the reference named (`latest` for a bare name); null when it named a version number. */
  label: string | null;
}

/** Resolves `name`, `name@label` or `name@<n>` in one workspace; null when any part does not exist. */
export async function resolvePipelineRef(
  pipelines: PipelineRepository,
  workspaceId: string,
  text: string,
): Promise<ResolvedPipelineVersion | null> {
  const ref = parsePipelineRef(text);
  if (!ref) return null;
  const pipeline = await pipelines.findByName(workspaceId, ref.name);
  if (!pipeline) return null;
  const number = selectVersion(pipeline, ref.selector);
  const version = number === null ? null : await pipelines.findVersion(workspaceId, pipeline.id, number);
  return version ? { pipeline, version, label: 'label' in ref.selector ? ref.selector.label : null } : null;
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
      const template = await deps.prompts.findByName(workspaceId, ref.name);
      if (!template) return null;
      const number = selectVersion(template, ref.selector);
      const version = number === null ? null : await deps.prompts.findVersion(workspaceId, template.id, number);
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
      const resolved = await resolvePipelineRef(deps.pipelines, workspaceId, text);
      return resolved ? { inputs: inputsOf(resolved.version.definition.inputs) } : null;
    },
  };
}
