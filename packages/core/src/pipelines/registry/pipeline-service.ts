import {
  LATEST_LABEL,
  PROTECTED_LABELS,
  parseVersionSelector,
  type FieldError,
  type Page,
  type Pipeline,
  type PipelineDefinition,
  type PipelineDetail,
  type PipelineIssue,
  type PipelineListQuery,
  type PipelineSource,
  type PipelineValidation,
  type PipelineVersion,
} from '@agent-fleet/contracts';
import { AppError, notFound } from '../../app-error.js';
import { decodeCursor, pageAfter } from '../../cursor.js';
import { LruMap } from '../../lru-map.js';
import { lineDiff } from '../../prompts/line-diff.js';
import type { PromptRepository } from '../../prompts/prompt-repository.js';
import type { WorkspaceAccess } from '../../security/access-service.js';
import { auditEvent, type AuditActor } from '../../security/audit-service.js';
import type { UnitOfWork } from '../../unit-of-work.js';
import { compilePipelineSource } from '../compile.js';
import { selfReferenceIssues } from './pipeline-cycles.js';
import type {
  PinnedVersionId,
  PipelineRecord,
  PipelineRepository,
  PipelineVersionContent,
  PipelineVersionRecord,
} from './pipeline-repository.js';
import { GroupCommit } from '../engine/group-commit.js';
import { parsePipelineRef, type PipelineRef } from './pipeline-ref.js';
import { registryLookup, selectVersion } from './registry-lookup.js';
import { validationGraph } from './validation-graph.js';

/** What the run engine pins: one exact version, found from `name`, `name@label` or `name@<n>`. */
export interface PinnedPipelineVersion {
  pipelineId: string;
  name: string;
  version: number;
  versionId: string;
  label: string | null;
  definition: PipelineDefinition;
}

export interface PipelineServiceDependencies {
  pipelines: PipelineRepository;
  prompts: PromptRepository;
  /** Commits each change with its audit event. */
  unitOfWork: UnitOfWork;
  /** Whether a fleet of this name exists (regardless of case). Default: none, and `fleet` steps are refused. */
  fleetExists?: (workspaceId: string, name: string) => Promise<boolean>;
}

const toPipeline = (record: PipelineRecord): Pipeline => ({
  ...record,
  labels: { ...record.labels, [LATEST_LABEL]: record.latestVersion },
});

const labelsOf = (pipeline: Pipeline, version: number) =>
  Object.entries(pipeline.labels)
    .filter(([, v]) => v === version)
    .map(([label]) => label)
    .sort();

const toVersion = (pipeline: Pipeline, { id: _id, ...record }: PipelineVersionRecord): PipelineVersion => ({
  ...record,
  labels: labelsOf(pipeline, record.version),
});

/** The pipeline registry: named definitions with immutable, compiled versions and movable labels. */
export class PipelineService {
  /** Definitions of versions runs were pinned to, by version id (see `resolveVersion`). */
  private readonly definitions = new LruMap<string, PipelineDefinition>(500);
  /**
   * References to pin: those asked for while one read runs share the next (a burst of run creations
   * costs a few reads, not one each); a lone one is read at once.
   */
  private readonly pins: GroupCommit<{ workspaceId: string; ref: PipelineRef }>;

  constructor(private readonly deps: PipelineServiceDependencies) {
    this.pins = new GroupCommit((refs) => deps.pipelines.pinVersions(refs), { maxGroup: 500, parallel: 1 });
  }

  /** Compiles a draft; invalid drafts are an answer here (200), not an error. */
  async validate(workspaceId: string, input: PipelineSource, name?: string): Promise<PipelineValidation> {
    const { issues, graph } = await this.compile(workspaceId, input, name);
    return { valid: issues.length === 0, issues, graph };
  }

  async list(workspaceId: string, query: PipelineListQuery): Promise<Page<Pipeline>> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 'name', 'text');
    const { items, total } = await this.deps.pipelines.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    const page = pageAfter(items, query.limit, 'name', (pipeline) => pipeline.name);
    return { items: page.items.map(toPipeline), nextCursor: page.nextCursor, total };
  }

  async get(workspaceId: string, name: string): Promise<PipelineDetail> {
    const pipeline = toPipeline(await this.require(workspaceId, name));
    return { ...pipeline, latest: await this.version(workspaceId, name, pipeline.latestVersion) };
  }

  /** Creates the pipeline with version 1, after compiling it; an invalid definition is a 400 listing every issue. */
  async create(
    workspaceId: string,
    input: PipelineSource & { name: string; commitMessage: string },
    authorId: string | null,
    actor: AuditActor,
  ): Promise<PipelineDetail> {
    const content = await this.savable(workspaceId, input, input.name);
    await this.deps.unitOfWork.transaction(async ({ pipelines, audit }) => {
      const created = await pipelines.create(workspaceId, input.name, content, authorId);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'pipeline.created',
          targetType: 'pipeline',
          targetId: created.id,
          metadata: { name: input.name, version: 1 },
        }),
      );
    });
    return this.get(workspaceId, input.name);
  }

  /** Saves the next immutable version; `latest` follows it. */
  async addVersion(
    workspaceId: string,
    name: string,
    input: PipelineSource & { commitMessage: string },
    authorId: string | null,
    actor: AuditActor,
  ): Promise<PipelineDetail> {
    await this.require(workspaceId, name);
    const content = await this.savable(workspaceId, input, name);
    await this.deps.unitOfWork.transaction(async ({ pipelines, audit }) => {
      const pipeline = await requireIn(pipelines, workspaceId, name);
      const version = await pipelines.addVersion(workspaceId, pipeline.id, content, authorId);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'pipeline.version_created',
          targetType: 'pipeline',
          targetId: pipeline.id,
          metadata: { name, version },
        }),
      );
    });
    return this.get(workspaceId, name);
  }

  async listVersions(workspaceId: string, name: string): Promise<Omit<PipelineVersion, 'source' | 'definition'>[]> {
    const record = await this.require(workspaceId, name);
    const pipeline = toPipeline(record);
    return (await this.deps.pipelines.listVersions(workspaceId, record.id)).map((version) => {
      const { source: _source, definition: _definition, ...rest } = toVersion(pipeline, version);
      return rest;
    });
  }

  /** A version by number or label (`production`, `latest` …). */
  async version(workspaceId: string, name: string, selector: number | string): Promise<PipelineVersion> {
    const record = await this.require(workspaceId, name);
    const parsed = parseVersionSelector(selector);
    const number = parsed === null ? null : 'version' in parsed ? parsed.version : selectVersion(record, parsed);
    const version = number === null ? null : await this.deps.pipelines.findVersion(workspaceId, record.id, number);
    if (!version) throw notFound('Version', `${name}@${selector}`);
    return toVersion(toPipeline(record), version);
  }

  async diff(workspaceId: string, name: string, from: number, to: number) {
    const [a, b] = await Promise.all([this.version(workspaceId, name, from), this.version(workspaceId, name, to)]);
    return { from, to, source: lineDiff(a.source, b.source) };
  }

  /** Points a label at a version. `latest` moves by itself; protected labels need `pipelines:manage`. */
  async moveLabel(access: WorkspaceAccess, name: string, label: string, version: number, actor: AuditActor): Promise<Pipeline> {
    assertLabelChangeAllowed(access, label);
    const { workspaceId } = access;
    // A label decides what production runs: its move and the audit event commit together.
    return this.deps.unitOfWork.transaction(async ({ pipelines, audit }) => {
      const pipeline = await requireIn(pipelines, workspaceId, name);
      if (!(await pipelines.findVersion(workspaceId, pipeline.id, version))) {
        throw new AppError('validation_failed', `${name} has no version ${version}`, {
          errors: [{ path: 'version', message: `Version ${version} does not exist`, code: 'unknown_version' }],
        });
      }
      await pipelines.setLabel(workspaceId, pipeline.id, label, version);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'pipeline.label_moved',
          targetType: 'pipeline',
          targetId: pipeline.id,
          metadata: { name, label, from: pipeline.labels[label] ?? null, to: version },
        }),
      );
      return toPipeline(await requireIn(pipelines, workspaceId, name));
    });
  }

  async deleteLabel(access: WorkspaceAccess, name: string, label: string, actor: AuditActor): Promise<void> {
    assertLabelChangeAllowed(access, label);
    const { workspaceId } = access;
    await this.deps.unitOfWork.transaction(async ({ pipelines, audit }) => {
      const pipeline = await requireIn(pipelines, workspaceId, name);
      if (!(await pipelines.deleteLabel(workspaceId, pipeline.id, label))) throw notFound('Label', `${name}@${label}`);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'pipeline.label_deleted',
          targetType: 'pipeline',
          targetId: pipeline.id,
          metadata: { name, label, version: pipeline.labels[label] ?? null },
        }),
      );
    });
  }

  /** Deletes the pipeline with its versions and past runs; refused while a run is queued or running. */
  async delete(workspaceId: string, name: string, actor: AuditActor): Promise<void> {
    await this.deps.unitOfWork.transaction(async ({ pipelines, audit }) => {
      const pipeline = await requireIn(pipelines, workspaceId, name);
      const active = await pipelines.activeRuns(workspaceId, pipeline.id);
      if (active > 0) {
        throw new AppError('conflict', `${name} has ${active} queued or running run(s); cancel them or let them finish first`);
      }
      await pipelines.delete(workspaceId, pipeline.id);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'pipeline.deleted',
          targetType: 'pipeline',
          targetId: pipeline.id,
          metadata: { name, latestVersion: pipeline.latestVersion },
        }),
      );
    });
  }

  /** The exact version `name`, `name@label` or `name@<n>` names now, for a run to pin; null when none. */
  async resolveVersion(workspaceId: string, ref: string): Promise<PinnedPipelineVersion | null> {
    const parsed = parsePipelineRef(ref);
    const pinned = parsed && (await this.pins.submit<PinnedVersionId | null>({ workspaceId, ref: parsed }));
    if (!pinned) return null;
    // Read only once per version: a version never changes, and the read above was scoped to the workspace.
    const definition =
      this.definitions.get(pinned.versionId) ?? (await this.deps.pipelines.versionDefinition(workspaceId, pinned.versionId));
    if (!definition) return null;
    return {
      pipelineId: pinned.pipelineId,
      name: pinned.name,
      version: pinned.version,
      versionId: pinned.versionId,
      label: 'label' in parsed.selector ? parsed.selector.label : null,
      definition: this.definitions.set(pinned.versionId, definition),
    };
  }

  /** Compiles `input`, or throws `validation_failed` listing every issue with its path, line and column. */
  private async savable(
    workspaceId: string,
    input: PipelineSource & { commitMessage: string },
    name: string,
  ): Promise<PipelineVersionContent> {
    const { issues, definition } = await this.compile(workspaceId, input, name);
    if (issues.length > 0 || !definition) {
      throw new AppError('validation_failed', `The definition has ${issues.length} problem(s); fix them before saving`, {
        errors: issues.map(toFieldError),
      });
    }
    return { format: input.format, source: input.source, definition, commitMessage: input.commitMessage };
  }

  private async compile(workspaceId: string, input: PipelineSource, name: string | undefined) {
    const lookup = registryLookup(workspaceId, this.deps);
    const notJson = input.format === 'json' ? jsonProblem(input.source) : null;
    const result = await compilePipelineSource(input.source, lookup);
    const graph = validationGraph(input.source);
    let issues: PipelineIssue[] = result.issues;
    // YAML accepts what JSON does not; a `json` source must be JSON, or pull would write YAML into a .json file.
    if (notJson && issues.length === 0) issues = [notJson];
    if (result.ok && issues.length === 0 && name !== undefined)
      issues = await selfReferenceIssues(this.deps.pipelines, workspaceId, name, result.pipeline.definition);
    const definition = result.ok ? result.pipeline.definition : undefined;
    return { issues, graph, definition };
  }

  private require(workspaceId: string, name: string): Promise<PipelineRecord> {
    return requireIn(this.deps.pipelines, workspaceId, name);
  }
}

function assertLabelChangeAllowed(access: WorkspaceAccess, label: string): void {
  if (label === LATEST_LABEL)
    throw new AppError('validation_failed', '"latest" always follows the newest version and cannot be moved');
  if (PROTECTED_LABELS.includes(label) && !access.permissions.has('pipelines:manage'))
    throw new AppError('forbidden', `Moving "${label}" needs the permission pipelines:manage`);
}

async function requireIn(pipelines: PipelineRepository, workspaceId: string, name: string): Promise<PipelineRecord> {
  const pipeline = await pipelines.findByName(workspaceId, name);
  if (!pipeline) throw notFound('Pipeline', name);
  return pipeline;
}

/**
 * A problem's field errors carry path, message and code only; the position leads the message, as for
 * prompt templates. `POST /pipelines/validate` gives line and column as fields, for editors.
 */
const toFieldError = ({ path, message, code, line, column }: PipelineIssue): FieldError => ({
  path,
  code,
  message: line === undefined ? message : `Line ${line}, column ${column ?? 1}: ${message}`,
});

function jsonProblem(source: string): PipelineIssue | null {
  try {
    JSON.parse(source);
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    return { path: '', message: `Not JSON (${detail}); send YAML as format "yaml"`, code: 'invalid_json', line: 1, column: 1 };
  }
}
