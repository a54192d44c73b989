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
  PageTotal,
  ProviderKind,
  TaskStatus,
  TaskSystemPrompt,
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
  /** Rewrites a row written `in_flight` with the call's outcome. */
  finalise(workspaceId: string, id: string, call: LlmCallInsert): Promise<LlmCall>;
  /**
   * Recovery, across workspaces: rows `in_flight` whose owner (the process making the call) is not a
   * registered instance become `interrupted` (estimated). Returns how many.
   */
  interruptAbandoned(): Promise<number>;
  /** Newest first. Up to `limit + 1` rows after the cursor position (createdAt, id). */
  list(
    workspaceId: string,
    query: Omit<LlmCallListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: LlmCall[] } & PageTotal>;
  /** Aggregates by the query's group; `label` may be left equal to `key` (the service names agents). */
  summarize(workspaceId: string, query: UsageSummaryQuery): Promise<Omit<UsageSummary, 'from' | 'to' | 'groupBy'>>;
}

/** A conversation row as stored; `busy` is whether a turn holds its claim. */
export type ConversationRecord = Conversation;

/** The claim a running chat turn holds on its conversation: which turn, run by which instance. */
export interface TurnClaim {
  turnId: string;
  owner: string;
}

export interface ConversationRepository {
  /** Newest activity first (lastMessageAt, then createdAt). Up to `limit + 1` rows after the cursor. */
  list(
    workspaceId: string,
    query: Omit<ConversationListQuery, 'cursor'> & { after?: CursorPosition },
  ): Promise<{ items: ConversationRecord[] } & PageTotal>;
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
  /** Claims the conversation for a turn unless one holds it; false when one does (or it does not exist). */
  claimTurn(workspaceId: string, id: string, claim: TurnClaim): Promise<boolean>;
  /** Releases the claim if this turn still holds it. */
  releaseTurn(workspaceId: string, id: string, turnId: string): Promise<void>;
  /** The claim of the turn running in the conversation, if any. */
  runningTurn(workspaceId: string, id: string): Promise<TurnClaim | null>;
  /** Recovery, across workspaces: releases claims whose owner is not a registered instance. Returns how many. */
  releaseAbandonedTurns(): Promise<number>;
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
  ): Promise<{ items: MessageRecord[] } & PageTotal>;
  /** The whole history in order (for the model's context). */
  all(workspaceId: string, conversationId: string): Promise<MessageRecord[]>;
  insert(workspaceId: string, message: Omit<MessageRecord, 'id' | 'createdAt' | 'seq'> & { id?: string }): Promise<MessageRecord>;
}

/** A task's rendered system prompt as stored: large text lives in the blob store under `textBlobKey`. */
export type StoredSystemPrompt = Omit<TaskSystemPrompt, 'text'> & { text: string; textBlobKey: string | null };

/** A task as stored: its system prompt text may still be in the blob store. */
export type AgentTaskRecord = Omit<AgentTask, 'systemPrompt'> & { systemPrompt: StoredSystemPrompt | null };

export interface AgentTaskRepository {
  insert(
    workspaceId: string,
    task: Pick<AgentTask, 'agentId' | 'kind' | 'conversationId' | 'parentTaskId' | 'summary'> & {
      id?: string;
      systemPrompt?: StoredSystemPrompt | null;
      /** The instance running the task; while it is registered, recovery leaves the task alone. */
      owner: string;
      /** The root task whose limits it runs under (a fleet task's id). Default: none. */
      rootTaskId?: string | null;
    },
  ): Promise<AgentTaskRecord>;
  find(workspaceId: string, agentId: string, id: string): Promise<AgentTaskRecord | null>;
  /**
   * Records the end of a task still running. Throws `aborted` when it is no longer running: another server
   * recovered it as abandoned (this one was presumed dead), and its end is recorded already.
   */
  finish(
    workspaceId: string,
    id: string,
    result: Pick<AgentTask, 'status' | 'usage' | 'costUsd' | 'llmCalls' | 'error'>,
  ): Promise<AgentTaskRecord>;
  /** Newest first, `limit + 1` after the cursor (startedAt, id). */
  list(
    workspaceId: string,
    agentId: string,
    options: { status?: TaskStatus; limit: number; after?: CursorPosition },
  ): Promise<{ items: AgentTaskRecord[] } & PageTotal>;
  /**
   * Recovery, across workspaces: tasks `running` whose owner is not a registered instance fail as
   * `interrupted`, adding the usage of their interrupted ledger rows. Returns how many tasks failed and
   * how many of their agents have no task running any more (idle again).
   */
  failAbandoned(): Promise<{ tasks: number; agents: number }>;
}

/** Convenience: one page of items returned by the services. */
export type { Page };
