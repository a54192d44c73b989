import {
  LATEST_LABEL,
  parseVersionSelector,
  PROTECTED_LABELS,
  type Diagnostic,
  type FieldError,
  type Page,
  type PromptDetail,
  type PromptListQuery,
  type PromptTemplate,
  type PromptVersion,
  type VersionDiff,
} from '@agent-fleet/contracts';
import { AppError, notFound } from '../app-error.js';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { WorkspaceAccess } from '../security/access-service.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import {
  checkDeclarations,
  estimateTokens,
  parseIncludeRef,
  TemplateRenderError,
  type TemplateEngine,
  type TemplateResolver,
  type TemplateSource,
} from './engine/index.js';
import { lineDiff } from './line-diff.js';
import type {
  PromptMetadata,
  PromptRepository,
  PromptTemplateRecord,
  PromptUse,
  PromptVersionRecord,
  VersionContent,
} from './prompt-repository.js';

export interface RenderOutput {
  version: number;
  type: 'text' | 'chat';
  text?: string;
  messages?: { role: 'system' | 'user' | 'assistant'; content: string }[];
  includes: { name: string; version: number }[];
  tokens: number;
}

const toTemplate = (record: PromptTemplateRecord): PromptTemplate => ({
  id: record.id,
  name: record.name,
  category: record.category,
  tags: record.tags,
  description: record.description,
  latestVersion: record.latestVersion,
  labels: { ...record.labels, [LATEST_LABEL]: record.latestVersion },
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});

const labelsOf = (template: Pick<PromptTemplate, 'labels'>, version: number) =>
  Object.entries(template.labels)
    .filter(([, v]) => v === version)
    .map(([label]) => label)
    .sort();

const toVersion = (template: Pick<PromptTemplate, 'labels'>, record: PromptVersionRecord): PromptVersion => ({
  ...record,
  config: record.config,
  labels: labelsOf(template, record.version),
});

/** The prompt registry: templates with immutable versions, movable labels, analysis and rendering. */
export class PromptService {
  constructor(
    private readonly prompts: PromptRepository,
    private readonly engine: TemplateEngine,
    /** Commits label moves and deletes with their audit events. */
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Resolves `{% include %}` targets from the workspace's registry; only text templates include. */
  resolver(workspaceId: string): TemplateResolver {
    return {
      resolve: async (ref) => {
        const record = (await this.prompts.resolveVersion(workspaceId, ref.name, ref.selector))?.version;
        if (!record || record.source.type !== 'text') return null;
        return { name: ref.name, version: record.version, body: record.source.body };
      },
    };
  }

  async list(workspaceId: string, query: PromptListQuery): Promise<Page<PromptTemplate>> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, 'name', 'text');
    const { items, total } = await this.prompts.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    const page = pageAfter(items, query.limit, 'name', (template) => template.name);
    return { items: page.items.map(toTemplate), nextCursor: page.nextCursor, total };
  }

  async analyze(
    workspaceId: string,
    input: { source: TemplateSource; variables: VersionContent['variables']; name?: string | undefined },
  ): Promise<Diagnostic[]> {
    try {
      return await this.engine.analyze({
        source: input.source,
        declarations: input.variables,
        resolver: this.resolver(workspaceId),
        ...(input.name ? { templateName: input.name } : {}),
      });
    } catch (error) {
      // Analysis reports a bad template as diagnostics; it throws only when its worker ran out of time or memory.
      if (!(error instanceof TemplateRenderError)) throw error;
      throw engineError(error, 'template_invalid');
    }
  }

  async create(
    workspaceId: string,
    input: PromptMetadata & VersionContent & { name: string },
    authorId: string | null,
  ): Promise<PromptDetail> {
    const { name, category, tags, description, ...content } = input;
    await this.assertSavable(workspaceId, content, name);
    await this.prompts.create(workspaceId, name, { category, tags, description }, content, authorId);
    return this.get(workspaceId, name);
  }

  async addVersion(workspaceId: string, name: string, content: VersionContent, authorId: string | null): Promise<PromptDetail> {
    const template = await this.require(workspaceId, name);
    await this.assertSavable(workspaceId, content, name);
    await this.prompts.addVersion(workspaceId, template.id, content, authorId);
    return this.get(workspaceId, name);
  }

  async updateMetadata(workspaceId: string, name: string, changes: Partial<PromptMetadata>): Promise<PromptTemplate> {
    const template = await this.require(workspaceId, name);
    await this.prompts.updateMetadata(workspaceId, template.id, changes);
    return toTemplate(await this.require(workspaceId, name));
  }

  async get(workspaceId: string, name: string): Promise<PromptDetail> {
    const template = toTemplate(await this.require(workspaceId, name));
    const latest = await this.version(workspaceId, name, template.latestVersion);
    const diagnostics = await this.analyze(workspaceId, { source: latest.source, variables: latest.variables, name });
    return { ...template, latest, diagnostics };
  }

  async listVersions(workspaceId: string, name: string): Promise<PromptVersion[]> {
    const record = await this.require(workspaceId, name);
    const template = toTemplate(record);
    return (await this.prompts.listVersions(workspaceId, record.id)).map((version) => toVersion(template, version));
  }

  /** A version by number or label (`production`, `latest` …). */
  async version(workspaceId: string, name: string, selector: number | string): Promise<PromptVersion> {
    // A number no version can have asks for version 0, which none has: a missing template is still told apart.
    const resolved = await this.prompts.resolveVersion(workspaceId, name, parseVersionSelector(selector) ?? { version: 0 });
    if (!resolved) throw notFound('Prompt template', name);
    const { version, latestVersion, labels } = resolved;
    if (!version) throw notFound('Version', `${name}@${selector}`);
    // The labels as a template carries them (`latest` included), so toVersion names them as everywhere else.
    const pointing = Object.fromEntries([...labels.map((label) => [label, version.version]), [LATEST_LABEL, latestVersion]]);
    return toVersion({ labels: pointing }, version);
  }

  async diff(workspaceId: string, name: string, from: number, to: number): Promise<VersionDiff> {
    const [a, b] = await Promise.all([this.version(workspaceId, name, from), this.version(workspaceId, name, to)]);
    const sourceText = (v: PromptVersion) =>
      v.source.type === 'text' ? v.source.body : v.source.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
    return {
      from,
      to,
      body: lineDiff(sourceText(a), sourceText(b)),
      variables: lineDiff(json(a.variables), json(b.variables)),
      config: lineDiff(json(a.config), json(b.config)),
    };
  }

  /** Points a label at a version. `latest` moves by itself; protected labels need `prompts:manage`. */
  async moveLabel(
    access: WorkspaceAccess,
    name: string,
    label: string,
    version: number,
    actor: AuditActor,
  ): Promise<PromptTemplate> {
    this.assertLabelChangeAllowed(access, label);
    const { workspaceId } = access;
    // A label decides what production runs: its move and the audit event commit together.
    return this.unitOfWork.transaction(async ({ prompts, audit }) => {
      const template = await requireIn(prompts, workspaceId, name);
      if (!(await prompts.findVersion(workspaceId, template.id, version))) {
        throw new AppError('validation_failed', `${name} has no version ${version}`, {
          errors: [{ path: 'version', message: `Version ${version} does not exist`, code: 'unknown_version' }],
        });
      }
      await prompts.setLabel(workspaceId, template.id, label, version);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'prompt.label_moved',
          targetType: 'prompt',
          targetId: template.id,
          metadata: { name, label, from: template.labels[label] ?? null, to: version },
        }),
      );
      return toTemplate(await requireIn(prompts, workspaceId, name));
    });
  }

  async deleteLabel(access: WorkspaceAccess, name: string, label: string, actor: AuditActor): Promise<void> {
    this.assertLabelChangeAllowed(access, label);
    const { workspaceId } = access;
    await this.unitOfWork.transaction(async ({ prompts, audit }) => {
      const template = await requireIn(prompts, workspaceId, name);
      if (!(await prompts.deleteLabel(workspaceId, template.id, label))) throw notFound('Label', `${name}@${label}`);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'prompt.label_deleted',
          targetType: 'prompt',
          targetId: template.id,
          metadata: { name, label, version: template.labels[label] ?? null },
        }),
      );
    });
  }

  /**
   * Renders a saved version: by number or label, or the version a caller has already resolved with
   * `version` (a prompt step reads its config too), which is then not looked up again. A render that
   * finds every template worker taken and the line full fails `engine_busy` (503, Retry-After), unless
   * `wait`: work the server runs on its own (pipeline steps, the tasks of fleets and pipelines) waits
   * for a worker instead (`WorkerTaskOptions.wait`).
   */
  async render(
    workspaceId: string,
    name: string,
    selector: number | string | PromptVersion,
    values: Record<string, unknown>,
    { wait = false }: { wait?: boolean } = {},
  ): Promise<RenderOutput> {
    const version = typeof selector === 'object' ? selector : await this.version(workspaceId, name, selector);
    return this.renderSource(workspaceId, version.source, version.variables, values, name, version.version, wait);
  }

  /** Renders an unsaved draft, for the editor's live preview. */
  preview(
    workspaceId: string,
    input: {
      source: TemplateSource;
      declarations: VersionContent['variables'];
      variables: Record<string, unknown>;
      name?: string | undefined;
    },
  ): Promise<RenderOutput> {
    return this.renderSource(workspaceId, input.source, input.declarations, input.variables, input.name, 0, false);
  }

  usage(workspaceId: string, name: string): Promise<PromptUse[]> {
    return this.prompts.usage(workspaceId, name);
  }

  /**
   * Deleting a template that agents or pipelines reference is refused, naming them. The check, the delete
   * and the audit event share one transaction.
   */
  async delete(workspaceId: string, name: string, actor: AuditActor): Promise<void> {
    await this.unitOfWork.transaction(async ({ prompts, audit }) => {
      const template = await requireIn(prompts, workspaceId, name);
      const uses = await prompts.usage(workspaceId, name);
      if (uses.length > 0) {
        throw new AppError(
          'prompt_in_use',
          `${name} is used by ${uses.map((u) => `${u.kind} "${u.name}"`).join(', ')}; change them first`,
        );
      }
      await prompts.delete(workspaceId, template.id);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'prompt.deleted',
          targetType: 'prompt',
          targetId: template.id,
          metadata: { name },
        }),
      );
    });
  }

  /** True when `name@label` or `name@version` names an existing version (agents validate with it). */
  async refExists(workspaceId: string, ref: string): Promise<boolean> {
    let parsed;
    try {
      parsed = parseIncludeRef(ref);
    } catch {
      return false;
    }
    return Boolean((await this.prompts.resolveVersion(workspaceId, parsed.name, parsed.selector))?.version);
  }

  private async renderSource(
    workspaceId: string,
    source: TemplateSource,
    declarations: VersionContent['variables'],
    values: Record<string, unknown>,
    name: string | undefined,
    version: number,
    wait: boolean,
  ): Promise<RenderOutput> {
    try {
      const result = await this.engine.render(source, values, {
        resolver: this.resolver(workspaceId),
        declarations,
        ...(name ? { templateName: name } : {}),
        countTokens: true,
        wait,
      });
      const tokens = result.tokens ?? estimateTokens(result.type === 'text' ? result.text : result.messages);
      return result.type === 'text'
        ? { version, type: 'text', text: result.text, includes: result.includes, tokens }
        : { version, type: 'chat', messages: result.messages, includes: result.includes, tokens };
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      if (error.code === 'engine_busy') throw engineError(error, 'render_failed');
      const errors: FieldError[] = error.problems?.length
        ? error.problems.map((p) => ({ path: `variables.${p.variable}`, message: p.message, code: 'invalid_variable' }))
        : [{ path: 'source', message: positioned(error.message, error.line, error.column), code: error.code }];
      throw new AppError(error.code === 'invalid_variables' ? 'validation_failed' : 'render_failed', error.message, {
        errors,
      });
    }
  }

  private async assertSavable(workspaceId: string, content: VersionContent, name: string): Promise<void> {
    const declarationErrors: FieldError[] = checkDeclarations(content.variables).map((p) => ({
      path: `variables.${p.index}`,
      message: p.message,
      code: 'invalid_declaration',
    }));
    if (declarationErrors.length > 0)
      throw new AppError('validation_failed', 'Some variable declarations are invalid', { errors: declarationErrors });
    const diagnostics = await this.analyze(workspaceId, { source: content.source, variables: content.variables, name });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      throw new AppError('template_invalid', `The template has ${errors.length} error(s); fix them before saving`, {
        errors: errors.map((d) => ({ path: diagnosticPath(d), message: positioned(d.message, d.line, d.column), code: d.code })),
      });
    }
  }

  private assertLabelChangeAllowed(access: WorkspaceAccess, label: string): void {
    if (label === LATEST_LABEL)
      throw new AppError('validation_failed', '"latest" always follows the newest version and cannot be moved');
    if (PROTECTED_LABELS.includes(label) && !access.permissions.has('prompts:manage')) {
      throw new AppError('forbidden', `Moving "${label}" needs the permission prompts:manage`);
    }
  }

  private require(workspaceId: string, name: string): Promise<PromptTemplateRecord> {
    return requireIn(this.prompts, workspaceId, name);
  }
}

async function requireIn(prompts: PromptRepository, workspaceId: string, name: string): Promise<PromptTemplateRecord> {
  const template = await prompts.findByName(workspaceId, name);
  if (!template) throw notFound('Prompt template', name);
  return template;
}

/**
 * A render or analysis the engine gave up on: a full worker pool is the server's state (503, retry
 * later); a template that ran out of time or memory is the author's (400 with `fallback`).
 */
function engineError(error: TemplateRenderError, fallback: 'template_invalid' | 'render_failed'): AppError {
  if (error.code === 'engine_busy') {
    return new AppError('engine_busy', error.message, { cause: error, headers: { 'Retry-After': '1' } });
  }
  return new AppError(fallback, error.message, {
    cause: error,
    errors: [{ path: 'source', message: error.message, code: error.code }],
  });
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

const positioned = (message: string, line?: number, column?: number) =>
  line === undefined ? message : `Line ${line}, column ${column ?? 1}: ${message}`;

const diagnosticPath = (d: Diagnostic): string =>
  d.variable && d.code !== 'undeclared_variable'
    ? 'variables'
    : d.messageIndex === undefined
      ? 'source'
      : `source.messages.${d.messageIndex}.content`;
