import { randomUUID } from 'node:crypto';
import { ZERO_USAGE, type Agent } from '@agent-fleet/contracts';
import { LlmCaller } from '../llm/llm-caller.js';
import { MemoryLedger, unlimited } from '../llm/llm-caller.test-support.js';
import type {
  AgentTaskRecord,
  AgentTaskRepository,
  ConversationRecord,
  ConversationRepository,
  LlmCallRepository,
  MessageRecord,
  MessageRepository,
  TurnClaim,
} from '../llm/llm-ports.js';
import { ModelService } from '../llm/model-service.js';
import { ProviderService } from '../llm/provider-service.js';
import type { EventBus } from '../ports/event-bus.js';
import type { PromptService } from '../prompts/prompt-service.js';
import { SecretBox } from '../security/secret-box.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { AgentRepository } from './agent-repository.js';
import { TaskRunner } from './task-runner.js';

/**
 * The task runner and the chat over in-memory rows: the real LlmCaller on the built-in mock provider,
 * and a unit of work that puts the rows back as they were when its work throws, as a rollback does.
 */
export const WORKSPACE = randomUUID();
/** The instance id the runner's tasks and the chat's turn claims name. */
export const TEST_OWNER = 'test-host:1:memory';

const unused = (): never => {
  throw new Error('not used by these tests');
};

interface Rows {
  agents: Agent[];
  tasks: AgentTaskRecord[];
  conversations: ConversationRecord[];
  messages: MessageRecord[];
}

export class MemoryRows implements Rows {
  agents: Agent[] = [];
  tasks: AgentTaskRecord[] = [];
  conversations: ConversationRecord[] = [];
  messages: MessageRecord[] = [];
  /** The conversations' turn claims, by conversation id. */
  turns = new Map<string, TurnClaim>();
  /** Throws from the repositories' writes while it returns an error for them (failure injection). */
  refuse: (write: string, row: unknown) => Error | null = () => null;

  check(write: string, row: unknown): void {
    const error = this.refuse(write, row);
    if (error) throw error;
  }
}

export const agentOf = (overrides: Partial<Agent> = {}): Agent => ({
  id: randomUUID(),
  kind: 'model',
  remote: null,
  workspaceId: WORKSPACE,
  name: 'Helper',
  description: '',
  role: '',
  skills: [],
  model: { provider: 'mock', model: 'echo', fallbacks: [] },
  systemPrompt: { type: 'inline', text: 'Be brief.' },
  tools: [],
  limits: { maxIterations: 10, maxCostPerTaskUsd: null },
  metadata: {},
  adminState: 'active',
  observedState: 'idle',
  version: 1,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  ...overrides,
});

const agentRepository = (rows: MemoryRows): AgentRepository => ({
  list: unused,
  insert: unused,
  update: unused,
  delete: unused,
  findById: async (_workspaceId, id) => rows.agents.find((agent) => agent.id === id) ?? null,
  findByName: async (_workspaceId, name) => rows.agents.find((agent) => agent.name === name) ?? null,
});

const taskRepository = (rows: MemoryRows): AgentTaskRepository => ({
  list: unused,
  failAbandoned: unused,
  find: async (_workspaceId, _agentId, id) => rows.tasks.find((task) => task.id === id) ?? null,
  insert: async (_workspaceId, task) => {
    const record: AgentTaskRecord = {
      id: task.id ?? randomUUID(),
      agentId: task.agentId,
      kind: task.kind,
      status: 'running',
      conversationId: task.conversationId,
      parentTaskId: task.parentTaskId,
      summary: task.summary,
      usage: ZERO_USAGE,
      costUsd: 0,
      llmCalls: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      durationMs: null,
      error: null,
      systemPrompt: task.systemPrompt ?? null,
      requestedBy: null,
    };
    rows.check('tasks.insert', record);
    rows.tasks.push(record);
    return record;
  },
  finish: async (_workspaceId, id, result) => {
    rows.check('tasks.finish', result);
    const index = rows.tasks.findIndex((task) => task.id === id);
    const record = { ...(rows.tasks[index] as AgentTaskRecord), ...result, finishedAt: new Date().toISOString() };
    rows.tasks[index] = record;
    return record;
  },
});

const conversationRepository = (rows: MemoryRows): ConversationRepository => ({
  list: unused,
  delete: unused,
  find: async (_workspaceId, id) => {
    const row = rows.conversations.find((conversation) => conversation.id === id);
    return row ? { ...row, busy: rows.turns.has(id) } : null;
  },
  claimTurn: async (_workspaceId, id, claim) => {
    if (rows.turns.has(id) || !rows.conversations.some((conversation) => conversation.id === id)) return false;
    rows.turns.set(id, claim);
    return true;
  },
  releaseTurn: async (_workspaceId, id, turnId) => {
    if (rows.turns.get(id)?.turnId === turnId) rows.turns.delete(id);
  },
  runningTurn: async (_workspaceId, id) => rows.turns.get(id) ?? null,
  releaseAbandonedTurns: unused,
  insert: async (_workspaceId, input) => {
    const now = new Date().toISOString();
    const record: ConversationRecord = {
      id: randomUUID(),
      ...input,
      messageCount: 0,
      usage: ZERO_USAGE,
      costUsd: 0,
      lastMessageAt: null,
      busy: false,
      createdAt: now,
      updatedAt: now,
    };
    rows.conversations.push(record);
    return record;
  },
  update: async (_workspaceId, id, changes) => {
    rows.check('conversations.update', changes);
    const index = rows.conversations.findIndex((conversation) => conversation.id === id);
    const record = { ...(rows.conversations[index] as ConversationRecord), ...changes };
    rows.conversations[index] = record;
    return record;
  },
  addTurn: async (_workspaceId, id, turn) => {
    rows.check('conversations.addTurn', turn);
    rows.conversations = rows.conversations.map((conversation) =>
      conversation.id === id
        ? {
            ...conversation,
            messageCount: conversation.messageCount + turn.messages,
            costUsd: conversation.costUsd + turn.costUsd,
            usage: {
              inputTokens: conversation.usage.inputTokens + turn.usage.inputTokens,
              outputTokens: conversation.usage.outputTokens + turn.usage.outputTokens,
              cachedInputTokens: conversation.usage.cachedInputTokens + turn.usage.cachedInputTokens,
              cacheWriteTokens: conversation.usage.cacheWriteTokens + turn.usage.cacheWriteTokens,
              reasoningTokens: conversation.usage.reasoningTokens + turn.usage.reasoningTokens,
            },
            lastMessageAt: turn.at,
          }
        : conversation,
    );
  },
});

const messageRepository = (rows: MemoryRows): MessageRepository => ({
  list: unused,
  all: async (_workspaceId, conversationId) => rows.messages.filter((message) => message.conversationId === conversationId),
  insert: async (_workspaceId, message) => {
    const record: MessageRecord = {
      ...message,
      id: message.id ?? randomUUID(),
      seq: String(rows.messages.length + 1),
      createdAt: new Date().toISOString(),
    };
    rows.check('messages.insert', record);
    rows.messages.push(record);
    return record;
  },
});

/** Runs work on the same rows; when it throws, puts every row back as it was (a rollback). */
class MemoryUnitOfWork implements UnitOfWork {
  constructor(
    private readonly rows: MemoryRows,
    private readonly repositories: Repositories,
  ) {}

  async transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    const before = structuredClone({
      agents: this.rows.agents,
      tasks: this.rows.tasks,
      conversations: this.rows.conversations,
      messages: this.rows.messages,
    });
    try {
      return await work(this.repositories);
    } catch (error) {
      Object.assign(this.rows, before);
      throw error;
    }
  }
}

/**
 * An EventBus for one process's chat: a turn subscribes for stops, which come here only through the
 * registry's local path, so nothing is ever published.
 */
export const silentBus: EventBus = {
  publish: unused,
  head: unused,
  subscribe: async () => ({ head: { epoch: 'memory', seq: 0 }, replayed: 0, close: () => undefined }),
};

/** A blob store as a map, for the chat's transcripts. */
export class MemoryBlobs implements BlobStore {
  readonly objects = new Map<string, string>();
  async put(workspaceId: string, key: string, body: Uint8Array | string): Promise<void> {
    this.objects.set(`${workspaceId}/${key}`, typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  }
  async get(workspaceId: string, key: string): Promise<Uint8Array | null> {
    const body = this.objects.get(`${workspaceId}/${key}`);
    return body === undefined ? null : Buffer.from(body);
  }
  async delete(workspaceId: string, key: string): Promise<void> {
    this.objects.delete(`${workspaceId}/${key}`);
  }
  deletePrefix = unused;
  async list(workspaceId: string, prefix: string): Promise<string[]> {
    const folder = `${workspaceId}/${prefix}`;
    return [...this.objects.keys()].filter((key) => key.startsWith(folder)).map((key) => key.slice(workspaceId.length + 1));
  }
  check = async () => undefined;
}

/** Everything a runner needs, over fresh rows. */
export function taskRunnerWorld() {
  const rows = new MemoryRows();
  const ledger = new MemoryLedger();
  const agents = agentRepository(rows);
  const tasks = taskRepository(rows);
  const repositories = {
    agents,
    tasks,
    conversations: conversationRepository(rows),
    messages: messageRepository(rows),
  } as Repositories;
  const unitOfWork = new MemoryUnitOfWork(rows, repositories);
  const caller = new LlmCaller({
    providers: new ProviderService({
      environment: [],
      settings: { list: async () => [], find: async () => null } as never,
      secrets: new SecretBox(Buffer.alloc(32, 7)),
      fetch: globalThis.fetch,
    }),
    models: new ModelService({ list: async () => [], upsert: unused, delete: unused }),
    ledger: ledger as unknown as LlmCallRepository,
    limiter: unlimited,
    fetch: globalThis.fetch,
    retry: { maxAttempts: 1 },
  });
  const runner = new TaskRunner({
    agents,
    tasks,
    prompts: {} as PromptService,
    caller,
    owner: TEST_OWNER,
    unitOfWork,
  });
  const addAgent = (overrides: Partial<Agent> = {}): Agent => {
    const agent = agentOf(overrides);
    rows.agents.push(agent);
    return agent;
  };
  return { rows, ledger, runner, unitOfWork, repositories, addAgent };
}
