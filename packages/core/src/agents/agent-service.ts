import type { Agent, AgentCreateInput, AgentListQuery, AgentUpdateInput, FieldError, Page } from '@agent-fleet/contracts';
import { AppError, notFound } from '../app-error.js';
import { decodeCursor, pageAfter, type CursorPosition } from '../cursor.js';
import type { AgentChanges, AgentRepository } from './agent-repository.js';
import { remoteModel, remoteSecretContext, storedRemote, type StoredAgentRemote } from './remote-agents.js';
import { agentToolTarget } from './agent-tools.js';
import { agentFolder } from '../conversations/task-system-prompt.js';
import { conversationFolder } from '../conversations/transcript-store.js';
import type { LiveEvents } from '../live-events.js';
import type { ConversationRepository } from '../llm/llm-ports.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { SecretBox } from '../security/secret-box.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** Which precondition the caller used, so a mismatch is answered the way HTTP expects. */
export interface VersionCheck {
  source: 'if-match' | 'body';
  version: number;
}

/** Checks system-prompt references (`name@label`) against the prompt registry. */
export interface TemplateRefChecker {
  refExists(workspaceId: string, ref: string): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AgentServiceOptions {
  /** Commits a delete, its cascade and its audit event together. */
  unitOfWork: UnitOfWork;
  /** Where deleted agents' conversation transcripts live. */
  blobs: BlobStore;
  /** Told of each committed create, update and delete, for live views. Default: nobody. */
  live?: LiveEvents;
  /** Seals a2a agents' credential secrets at rest. Without it, a secret is refused (400). */
  secrets?: SecretBox;
}

export class AgentService {
  constructor(
    private readonly agents: AgentRepository,
    private readonly templates: TemplateRefChecker,
    private readonly options: AgentServiceOptions,
  ) {}

  async list(workspaceId: string, query: AgentListQuery): Promise<Page<Agent>> {
    const { cursor, ...filters } = query;
    const after =
      cursor === undefined ? undefined : decodeCursor(cursor, query.sort, query.sort.endsWith('name') ? 'text' : 'timestamp');
    const { items, total } = await this.agents.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    return { ...pageAfter(items, query.limit, query.sort, (agent) => sortValue(agent, query.sort)), total };
  }

  async get(workspaceId: string, id: string): Promise<Agent> {
    const agent = await this.agents.findById(workspaceId, id);
    if (!agent) throw notFound('Agent', id);
    return agent;
  }

  async create(workspaceId: string, input: AgentCreateInput): Promise<Agent> {
    const { model, remote: remoteInput, ...fields } = input;
    let agent: Agent;
    if (input.kind === 'a2a' && remoteInput) {
      // An a2a agent's model, system prompt and tools are the remote's business: ignored here.
      const id = crypto.randomUUID();
      const { remote, secret } = storedRemote(remoteInput, null);
      agent = await this.agents.insert(workspaceId, {
        ...fields,
        id,
        systemPrompt: { type: 'inline', text: '' },
        tools: [],
        model: remoteModel(remote.cardUrl),
        remote,
        remoteSecretCiphertext: secret ? this.seal(workspaceId, id, secret) : null,
      });
    } else {
      if (!model) throw invalid('model', 'A model agent needs a model', 'required');
      await this.assertKnownTools(workspaceId, null, input.tools);
      await this.assertTemplateExists(workspaceId, input.systemPrompt);
      agent = await this.agents.insert(workspaceId, { ...fields, model, remote: null, remoteSecretCiphertext: null });
    }
    await this.options.live?.announce(workspaceId, 'agent.created', { agentId: agent.id });
    return agent;
  }

  async update(workspaceId: string, id: string, input: AgentUpdateInput, check?: VersionCheck): Promise<Agent> {
    const { version: bodyVersion, ...changes } = input;
    const expected = check ?? (bodyVersion === undefined ? undefined : { source: 'body' as const, version: bodyVersion });
    if (check && bodyVersion !== undefined && bodyVersion !== check.version) {
      throw new AppError('validation_failed', 'The body version and the If-Match header disagree', {
        errors: [{ path: 'version', message: `Expected ${check.version} as in If-Match`, code: 'mismatch' }],
      });
    }
    const stored = await this.remoteChanges(workspaceId, id, changes);
    if (stored.tools) await this.assertKnownTools(workspaceId, id, stored.tools);
    if (stored.systemPrompt) await this.assertTemplateExists(workspaceId, stored.systemPrompt);
    const updated = await this.agents.update(workspaceId, id, stored, expected?.version);
    if (updated) {
      await this.options.live?.announce(workspaceId, 'agent.updated', { agentId: id, version: updated.version });
      return updated;
    }
    const current = await this.get(workspaceId, id);
    throw versionMismatch(expected?.source ?? 'body', current.version);
  }

  /**
   * The kind never changes. A model agent takes no remote; an a2a agent ignores model, system prompt and
   * tools, and its remote's secret is sealed (or dropped when the card moves to another origin without one).
   */
  private async remoteChanges(
    workspaceId: string,
    id: string,
    changes: Omit<AgentUpdateInput, 'version'>,
  ): Promise<AgentChanges> {
    const { kind, remote: remoteInput, ...rest } = changes;
    if (kind === undefined && remoteInput === undefined) {
      const current = await this.agents.findById(workspaceId, id);
      if (current?.kind !== 'a2a') return rest;
    }
    const current = await this.get(workspaceId, id);
    if (kind !== undefined && kind !== current.kind)
      throw invalid('kind', `The kind cannot change (this agent is ${current.kind})`, 'immutable');
    if (current.kind === 'model') {
      if (remoteInput !== undefined) throw invalid('remote', 'remote goes only with kind "a2a"', 'not_allowed');
      return rest;
    }
    const { model: _model, systemPrompt: _prompt, tools: _tools, ...kept } = rest;
    if (remoteInput === undefined) return kept;
    const previous: StoredAgentRemote | null = current.remote
      ? {
          cardUrl: current.remote.cardUrl,
          credential: current.remote.credential
            ? { type: current.remote.credential.type, headerName: current.remote.credential.headerName }
            : null,
        }
      : null;
    const { remote, secret } = storedRemote(remoteInput, previous);
    return {
      ...kept,
      remote,
      model: remoteModel(remote.cardUrl),
      ...(secret === undefined ? {} : { remoteSecretCiphertext: secret === null ? null : this.seal(workspaceId, id, secret) }),
    };
  }

  private seal(workspaceId: string, agentId: string, secret: string): string {
    const box = this.options.secrets;
    if (!box) throw invalid('remote.credential.secret', 'This server keeps no secrets (no secrets key)', 'unsupported');
    return box.encrypt(secret, remoteSecretContext(workspaceId, agentId));
  }

  private async assertTemplateExists(workspaceId: string, systemPrompt: AgentCreateInput['systemPrompt']): Promise<void> {
    if (systemPrompt.type !== 'template' || (await this.templates.refExists(workspaceId, systemPrompt.ref))) return;
    throw new AppError('validation_failed', 'The system prompt names no existing template version', {
      errors: [
        {
          path: 'systemPrompt.ref',
          message: `No prompt template version matches "${systemPrompt.ref}"`,
          code: 'unknown_template',
        },
      ],
    });
  }

  /** Tools are other agents of the workspace (`agent:<id>`), never the agent itself. */
  private async assertKnownTools(workspaceId: string, selfId: string | null, tools: string[]): Promise<void> {
    const errors: FieldError[] = [];
    for (const [index, tool] of tools.entries()) {
      const target = agentToolTarget(tool);
      const path = `tools.${index}`;
      if (target === null)
        errors.push({ path, message: `Unknown tool "${tool}"; tools are agents, as "agent:<id>"`, code: 'unknown_tool' });
      else if (target === selfId) errors.push({ path, message: 'An agent cannot ask itself', code: 'self_tool' });
      else if (!UUID.test(target) || !(await this.agents.findById(workspaceId, target))) {
        errors.push({ path, message: `No agent ${target} in this workspace`, code: 'unknown_tool' });
      }
    }
    if (new Set(tools).size !== tools.length) errors.push({ path: 'tools', message: 'Tools must be unique', code: 'duplicate' });
    if (errors.length > 0) throw new AppError('validation_failed', 'The request has invalid fields', { errors });
  }

  /**
   * Deletes the agent (its conversations and messages go by cascade) and records `agent.deleted`, in one
   * transaction; the blobs of its conversations and its own (long task system prompts) are deleted after it commits.
   */
  async delete(workspaceId: string, id: string, actor: AuditActor, check?: VersionCheck): Promise<void> {
    const conversationIds = await this.options.unitOfWork.transaction(async ({ agents, conversations, audit }) => {
      const agent = await agents.findById(workspaceId, id);
      if (!agent) throw notFound('Agent', id);
      const ids = await conversationIdsOf(conversations, workspaceId, id);
      if (!(await agents.delete(workspaceId, id, check?.version))) {
        throw versionMismatch(check?.source ?? 'if-match', agent.version);
      }
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'agent.deleted',
          targetType: 'agent',
          targetId: id,
          metadata: { name: agent.name },
        }),
      );
      return ids;
    });
    await this.options.live?.announce(workspaceId, 'agent.deleted', { agentId: id });
    // Blob writes follow the commit they belong to: a failed delete keeps its transcripts.
    for (const conversationId of conversationIds) {
      await this.options.blobs.deletePrefix(workspaceId, conversationFolder(conversationId));
    }
    await this.options.blobs.deletePrefix(workspaceId, agentFolder(id));
  }
}

/** Ids of an agent's conversations, read a page at a time. */
async function conversationIdsOf(conversations: ConversationRepository, workspaceId: string, agentId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: CursorPosition | undefined;
  for (;;) {
    const { items } = await conversations.list(workspaceId, { agentId, limit: 100, ...(after ? { after } : {}) });
    ids.push(...items.slice(0, 100).map((row) => row.id));
    const last = items[99];
    if (items.length <= 100 || !last) return ids;
    after = { sort: 'activity', value: last.lastMessageAt ?? last.createdAt, id: last.id };
  }
}

function sortValue(agent: Agent, sort: AgentListQuery['sort']): string {
  switch (sort.replace(/^-/, '')) {
    case 'name':
      return agent.name.toLowerCase();
    case 'updatedAt':
      return agent.updatedAt;
    default:
      return agent.createdAt;
  }
}

function invalid(path: string, message: string, code: string): AppError {
  return new AppError('validation_failed', 'The request has invalid fields', { errors: [{ path, message, code }] });
}

function versionMismatch(source: VersionCheck['source'], currentVersion: number): AppError {
  const message = `The agent was changed by someone else; its current version is ${currentVersion}. Reload and retry.`;
  return source === 'if-match' ? new AppError('precondition_failed', message) : new AppError('version_conflict', message);
}
