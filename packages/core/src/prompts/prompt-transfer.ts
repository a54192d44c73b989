import { LATEST_LABEL, PROTECTED_LABELS, type FieldError } from '@agent-fleet/contracts';
import { AppError } from '../app-error.js';
import type { CursorPosition } from '../cursor.js';
import type { WorkspaceAccess } from '../security/access-service.js';
import type { AuditActor } from '../security/audit-service.js';
import { formatPromptFile, parsePromptFile, sameContent, type ParsedPromptFile, type PromptFile } from './prompt-files.js';
import type { PromptRepository } from './prompt-repository.js';
import type { PromptService } from './prompt-service.js';

const EXPORT_PAGE = 100;

export interface ImportResult {
  created: { name: string; version: number }[];
  unchanged: { name: string; version: number }[];
  labels: { name: string; label: string; version: number }[];
}

/** Exports the registry as `.prompt` files and imports them back, idempotently. */
export class PromptTransfer {
  constructor(
    private readonly prompts: PromptRepository,
    private readonly service: PromptService,
  ) {}

  async export(workspaceId: string): Promise<PromptFile[]> {
    const files: PromptFile[] = [];
    let after: CursorPosition | undefined;
    do {
      const { items } = await this.prompts.list(workspaceId, { limit: EXPORT_PAGE, ...(after ? { after } : {}) });
      const page = items.slice(0, EXPORT_PAGE);
      for (const template of page) {
        const labelsByVersion = new Map<number, string[]>();
        for (const [label, version] of Object.entries(template.labels))
          labelsByVersion.set(version, [...(labelsByVersion.get(version) ?? []), label]);
        for (const version of await this.prompts.listVersions(workspaceId, template.id)) {
          files.push(formatPromptFile(template.name, template, version, (labelsByVersion.get(version.version) ?? []).sort()));
        }
      }
      const last = page.at(-1);
      after = items.length > EXPORT_PAGE && last ? { sort: 'name', value: last.name, id: last.id } : undefined;
    } while (after);
    return files;
  }

  /**
   * Imports files in version order per template. A version is created only when its content
   * differs from the template's newest one, so re-importing the same files changes nothing. Every
   * file is parsed and checked before anything is written.
   */
  async import(access: WorkspaceAccess, files: PromptFile[], authorId: string | null, actor: AuditActor): Promise<ImportResult> {
    const parsed: ParsedPromptFile[] = [];
    const problems: FieldError[] = [];
    files.forEach((file, index) => {
      const result = parsePromptFile(file, index);
      if (Array.isArray(result)) problems.push(...result);
      else parsed.push(result);
    });
    if (problems.length > 0) throw new AppError('validation_failed', 'Some prompt files are invalid', { errors: problems });
    const protectedLabel = parsed.flatMap((p) => p.labels).find((label) => PROTECTED_LABELS.includes(label));
    if (protectedLabel && !access.permissions.has('prompts:manage')) {
      throw new AppError('forbidden', `The files move "${protectedLabel}", which needs the permission prompts:manage`);
    }

    const result: ImportResult = { created: [], unchanged: [], labels: [] };
    for (const [name, versions] of dependencyOrder(parsed)) {
      const mapped = new Map<number, number>();
      for (const file of versions) {
        const existing = await this.prompts.findByName(access.workspaceId, name);
        // The same version number with the same content (a re-import), or content equal to the
        // newest version (an unchanged file), creates nothing.
        const sameNumber = existing ? await this.prompts.findVersion(access.workspaceId, existing.id, file.version) : null;
        const latest = existing ? await this.prompts.findVersion(access.workspaceId, existing.id, existing.latestVersion) : null;
        const match = [sameNumber, latest].find((candidate) => candidate && sameContent(candidate, file.content));
        if (match) {
          mapped.set(file.version, match.version);
          result.unchanged.push({ name, version: match.version });
          continue;
        }
        const detail = existing
          ? await this.service.addVersion(access.workspaceId, name, file.content, authorId)
          : await this.service.create(access.workspaceId, { name, ...file.metadata, ...file.content }, authorId);
        mapped.set(file.version, detail.latestVersion);
        result.created.push({ name, version: detail.latestVersion });
      }
      const newest = versions.at(-1);
      if (newest) await this.service.updateMetadata(access.workspaceId, name, newest.metadata);
      for (const file of versions) {
        for (const label of file.labels.filter((l) => l !== LATEST_LABEL)) {
          const version = mapped.get(file.version) ?? file.version;
          await this.service.moveLabel(access, name, label, version, actor);
          result.labels.push({ name, label, version });
        }
      }
    }
    return result;
  }
}

/** Templates grouped by name, versions ascending, included templates before their includers. */
function dependencyOrder(files: ParsedPromptFile[]): [string, ParsedPromptFile[]][] {
  const groups = new Map<string, ParsedPromptFile[]>();
  for (const file of files) groups.set(file.name, [...(groups.get(file.name) ?? []), file]);
  for (const list of groups.values()) list.sort((a, b) => a.version - b.version);
  const includes = (file: ParsedPromptFile) => {
    const text =
      file.content.source.type === 'text'
        ? file.content.source.body
        : file.content.source.messages.map((m) => m.content).join('\n');
    return [...text.matchAll(/\{%-?\s*(?:include|render)\s+["']([A-Za-z0-9_.-]+)/g)].map((m) => m[1] ?? '');
  };
  const ordered: [string, ParsedPromptFile[]][] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (visiting.has(name) || ordered.some(([n]) => n === name)) return;
    const list = groups.get(name);
    if (!list) return;
    visiting.add(name);
    for (const target of list.flatMap(includes)) visit(target);
    ordered.push([name, list]);
  };
  for (const name of [...groups.keys()].sort()) visit(name);
  return ordered;
}
