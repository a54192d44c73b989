import type { CursorPosition } from '../cursor.js';
import type {
  AgentTask,
  Conversation,
  ConversationListQuery,
  LlmCall,
  LlmCallListQuery,
  Message,
  ModelPriceOverride,
  Page,
  ProviderKind,
  TaskStatus,
  UsageSummary,
  UsageSummaryQuery,
} from '@agent-fleet/contracts';

/** A workspace's stored settings for one provider. The key is stored encrypted (see SecretBox). */
export interface ProviderSettingsRecord {
  providerId: string;
  kind: Exclude<ProviderKind, 'mock'>;
  baseUrl: string | null;
  /** `SecretBox` ciphertext of the API key; never leaves the server. */
  apiKeyCiphertext: string | null;
  apiKeyHint: string | null;
  updatedAt: string;
}

export interface ProviderSettingsRepository {
  list(workspaceId: string): Promise<ProviderSettingsRecord[]>;
  find(workspaceId: string, providerId: string): Promise<ProviderSettingsRecord | null>;
  upsert(workspaceId: string, record: Omit<ProviderSettingsRecord, 'updatedAt'>): Promise<ProviderSettingsRecord>;
  delete(workspaceId: string, providerId: string): Promise<boolean>;
  /** Every stored key, across workspaces: for re-encrypting after a secrets-key rotation. */
  listWithKeys(): Promise<(ProviderSettingsRecord & { workspaceId: string })[]>;
  /** Swaps one key's ciphertext if it is still `from` (a concurrent edit wins). */
  replaceCiphertext(workspaceId: string, providerId: string, from: string, to: string): Promise<boolean>;
}

export interface ModelPriceRepository {
  list(workspaceId: string): Promise<ModelPriceOverride[]>;
  upsert(workspaceId: string, override: ModelPriceOverride): Promise<void>;
  delete(workspaceId: string, provider: string, model: string): Promise<boolean>;
}

/** A ledger row as written; the repository assigns `id` and `createdAt`. */
export type LlmCallInsert = Omit<LlmCall, 'id' | 'createdAt'>;

export interface LlmCallRepository {
  insert(workspaceId: string, call: LlmCallInsert): Promise<LlmCall>;
  /** Newest first. Up to `limit + 1` rows after the cursor position (createdAt, id). */
  list(
    workspaceId: string,
    query: Omit<LlmCallListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: LlmCall[]; total: number }>;
  /** Aggregates by the query's group; `label` may be left equal to `key` (the service names agents). */
  summarize(workspaceId: string, query: UsageSummaryQuery): Promise<Omit<UsageSummary, 'from' | 'to' | 'groupBy'>>;
}

/** A conversation row as stored; `busy` is not stored (the running-turn registry knows it). */
export type ConversationRecord = Omit<Conversation, 'busy'>;

export interface ConversationRepository {
  /** Newest activity first (lastMessageAt, then createdAt). Up to `limit + 1` rows after the cursor. */
  list(
    workspaceId: string,
    query: Omit<ConversationListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: ConversationRecord[]; total: number }>;
  find(workspaceId: string, id: string): Promise<ConversationRecord | null>;
  insert(
    workspaceId: string,
    input: { agentId: string; title: string; variables: Record<string, unknown>; createdBy: string | null },
  ): Promise<ConversationRecord>;
  update(
    workspaceId: string,
    id: string,
    changes: { title?: string; variables?: Record<string, unknown> },
  ): Promise<ConversationRecord | null>;
  /** Adds a finished turn's counts to the conversation's totals and bumps lastMessageAt. */
  addTurn(
    workspaceId: string,
    id: string,
    turn: { messages: number; usage: Conversation['usage']; costUsd: number; at: string },
  ): Promise<void>;
  /** Deletes the conversation and its messages (tasks and ledger rows keep their history, unlinked). */
  delete(workspaceId: string, id: string): Promise<boolean>;
}

/**
 * A message as stored: content over the size threshold lives in the blob store under `contentBlobKey`;
 * `seq` orders messages (and pages them) even when several share a millisecond.
 */
export type MessageRecord = Message & { contentBlobKey: string | null; seq: string };

export interface MessageRepository {
  /** Oldest (`asc`) or newest (`desc`) first, `limit + 1` after the cursor (seq, id). */
  list(
    workspaceId: string,
    conversationId: string,
    options: { limit: number; order: 'asc' | 'desc'; after?: CursorPosition },
  ): Promise<{ items: MessageRecord[]; total: number }>;
  /** The whole history in order (for the model's context). */
  all(workspaceId: string, conversationId: string): Promise<MessageRecord[]>;
  insert(workspaceId: string, message: Omit<MessageRecord, 'id' | 'createdAt' | 'seq'> & { id?: string }): Promise<MessageRecord>;
}

export interface AgentTaskRepository {
  insert(
    workspaceId: string,
    task: Pick<AgentTask, 'agentId' | 'kind' | 'conversationId' | 'parentTaskId' | 'summary'> & { id?: string },
  ): Promise<AgentTask>;
  finish(
    workspaceId: string,
    id: string,
    result: Pick<AgentTask, 'status' | 'usage' | 'costUsd' | 'llmCalls' | 'error'>,
  ): Promise<AgentTask>;
  /** Newest first, `limit + 1` after the cursor (startedAt, id). */
  list(
    workspaceId: string,
    agentId: string,
    options: { status?: TaskStatus; limit: number; after?: CursorPosition },
  ): Promise<{ items: AgentTask[]; total: number }>;
  /** Marks tasks left `running` by a crashed process as failed (start-up recovery). Returns how many. */
  failAbandoned(before: string): Promise<number>;
}

/** Convenience: one page of items returned by the services. */
export type { Page };
