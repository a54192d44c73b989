import type { PipelineDefinition, PipelineListQuery } from '@agent-fleet/contracts';
import type { CursorPosition } from '../../cursor.js';
import type { PipelineRef } from './pipeline-ref.js';

/** What a version holds; immutable once stored. `source` is the text exactly as written. */
export interface PipelineVersionContent {
  format: 'yaml' | 'json';
  source: string;
  definition: PipelineDefinition;
  commitMessage: string;
}

export interface PipelineVersionRecord extends PipelineVersionContent {
  id: string;
  version: number;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export interface PipelineRecord {
  id: string;
  name: string;
  description: string;
  latestVersion: number;
  /** Stored labels only; `latest` is implied by `latestVersion`. */
  labels: Record<string, number>;
  /** Step count of the latest version. */
  steps: number;
  createdAt: string;
  updatedAt: string;
}

/** The version a reference picks, without its content. */
export interface PinnedVersionId {
  pipelineId: string;
  /** The pipeline's name as stored. */
  name: string;
  versionId: string;
  version: number;
}

/** Storage of pipelines, their versions and labels, scoped to one workspace. Takes db | tx. */
export interface PipelineRepository {
  /** Up to `limit + 1` pipelines after the cursor, by name. */
  list(
    workspaceId: string,
    query: Omit<PipelineListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: PipelineRecord[]; total: number }>;
  findByName(workspaceId: string, name: string): Promise<PipelineRecord | null>;
  /** Creates the pipeline with version 1. Throws AppError `name_taken` when the name is used. */
  create(workspaceId: string, name: string, content: PipelineVersionContent, authorId: string | null): Promise<PipelineRecord>;
  /** Appends the next version atomically (the description follows the definition's) and returns its number. */
  addVersion(workspaceId: string, pipelineId: string, content: PipelineVersionContent, authorId: string | null): Promise<number>;
  listVersions(workspaceId: string, pipelineId: string): Promise<PipelineVersionRecord[]>;
  findVersion(workspaceId: string, pipelineId: string, version: number): Promise<PipelineVersionRecord | null>;
  /**
   * The version each reference picks now (labels move), all in one read, in order; null where the
   * pipeline, label or version does not exist.
   */
  pinVersions(refs: readonly { workspaceId: string; ref: PipelineRef }[]): Promise<(PinnedVersionId | null)[]>;
  /** A version's definition by id (see `pinVersions`); versions are immutable. */
  versionDefinition(workspaceId: string, versionId: string): Promise<PipelineDefinition | null>;
  setLabel(workspaceId: string, pipelineId: string, label: string, version: number): Promise<void>;
  deleteLabel(workspaceId: string, pipelineId: string, label: string): Promise<boolean>;
  delete(workspaceId: string, pipelineId: string): Promise<void>;
  /** Runs of the pipeline that are `queued` or `running`. */
  activeRuns(workspaceId: string, pipelineId: string): Promise<number>;
  /**
   * Whether an agent of this name exists. Agents are another aggregate; the compiler only needs this
   * read, so it lives here rather than widening the agent repository.
   */
  agentExists(workspaceId: string, name: string): Promise<boolean>;
}
