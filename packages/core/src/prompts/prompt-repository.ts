import type { PromptListQuery, TemplateSourceInput, VariableDeclarationData } from '@agent-fleet/contracts';
import type { CursorPosition } from '../cursor.js';
import type { IncludeSelector } from './engine/index.js';

/** What a version holds; immutable once stored. */
export interface VersionContent {
  source: TemplateSourceInput;
  variables: VariableDeclarationData[];
  config: Record<string, unknown>;
  commitMessage: string;
}

export interface PromptVersionRecord extends VersionContent {
  version: number;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export interface PromptTemplateRecord {
  id: string;
  name: string;
  category: string;
  tags: string[];
  description: string;
  latestVersion: number;
  /** Stored labels only; `latest` is implied by `latestVersion`. */
  labels: Record<string, number>;
  createdAt: string;
  updatedAt: string;
}

/** A version as a selector names it (`name@label`, `name@3`); the label `latest` names the newest version. */
export interface ResolvedVersionRecord {
  /** Null when the template has no such label or version. */
  version: PromptVersionRecord | null;
  /** The template's newest version. */
  latestVersion: number;
  /** The stored labels that point at `version` (`latest` is implied by `latestVersion`). */
  labels: string[];
}

export interface PromptMetadata {
  category: string;
  tags: string[];
  description: string;
}

export interface PromptUse {
  kind: 'agent' | 'pipeline';
  id: string;
  name: string;
  ref: string;
}

/** Storage of prompt templates, versions and labels, scoped to one workspace. */
export interface PromptRepository {
  /** Up to `limit + 1` templates after the cursor, by name. */
  list(
    workspaceId: string,
    query: Omit<PromptListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: PromptTemplateRecord[]; total: number }>;
  findByName(workspaceId: string, name: string): Promise<PromptTemplateRecord | null>;
  /** Creates the template with version 1. Throws AppError `name_taken` when the name is used. */
  create(
    workspaceId: string,
    name: string,
    metadata: PromptMetadata,
    content: VersionContent,
    authorId: string | null,
  ): Promise<PromptTemplateRecord>;
  updateMetadata(workspaceId: string, templateId: string, changes: Partial<PromptMetadata>): Promise<void>;
  delete(workspaceId: string, templateId: string): Promise<void>;
  /** Appends the next version atomically and returns its number. */
  addVersion(workspaceId: string, templateId: string, content: VersionContent, authorId: string | null): Promise<number>;
  listVersions(workspaceId: string, templateId: string): Promise<PromptVersionRecord[]>;
  findVersion(workspaceId: string, templateId: string, version: number): Promise<PromptVersionRecord | null>;
  /**
   * The version `selector` names in the template called `name`, read in one statement (renders, prompt
   * steps and system prompts resolve a version each time); null when there is no such template.
   */
  resolveVersion(workspaceId: string, name: string, selector: IncludeSelector): Promise<ResolvedVersionRecord | null>;
  setLabel(workspaceId: string, templateId: string, label: string, version: number): Promise<void>;
  deleteLabel(workspaceId: string, templateId: string, label: string): Promise<boolean>;
  /** Agents (and later pipelines) whose configuration references the template by name. */
  usage(workspaceId: string, name: string): Promise<PromptUse[]>;
}
