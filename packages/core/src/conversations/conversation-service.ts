import {
  ZERO_USAGE,
  type ChatEvent,
  type Conversation,
  type ConversationCreateInput,
  type ConversationListQuery,
  type ConversationUpdate,
  type Message,
  type MessageListQuery,
  type Page,
  type SendMessage,
  type TurnResult,
} from '@agent-fleet/contracts';
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import type { AgentRepository } from '../agents/agent-repository.js';
import { AppError, notFound } from '../app-error.js';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { ConversationRecord, ConversationRepository, MessageRecord, MessageRepository } from '../llm/llm-ports.js';
import type { LiveEvents } from '../live-events.js';
import { auditEvent, type AuditActor } from '../security/audit-service.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { TaskEvent } from '../agents/task-events.js';
import type { TaskResult, TaskRunner } from '../agents/task-runner.js';
import { conversationFolder, messageContentKey, TranscriptStore } from './transcript-store.js';
import type { TurnRegistry } from './turn-registry.js';

const CONVERSATION_SORT = 'activity';
const MESSAGE_SORT = 'seq';
const DEFAULT_TITLE = 'New conversation';

export interface ConversationServiceOptions {
  conversations: ConversationRepository;
  messages: MessageRepository;
  agents: AgentRepository;
  runner: TaskRunner;
  turns: TurnRegistry;
  blobs: BlobStore;
  /** Message content longer than this (UTF-8 bytes) is kept in the blob store. Default 32 KiB. */
  inlineContentLimit?: number;
  /** Commits the writes of a turn, and a delete with its audit event. */
  unitOfWork: UnitOfWork;
  /** Told of each committed change (`conversation.changed`), a turn's messages included. Default: nobody. */
  live?: LiveEvents;
}

/** Who sends a message. */
export interface Sender {
  workspaceId: string;
  userId: string | null;
}

/**
 * Conversations with agents: their records, their messages, and the turns that add to them. A turn stores
 * the user's message, runs the agent (streaming its events to `emit`), then stores the reply, even a
 * partial one when the turn failed or was stopped, and the full transcript in the blob store.
 */
export class ConversationService {
  private readonly transcripts: TranscriptStore;
  private readonly inlineLimit: number;

  constructor(private readonly options: ConversationServiceOptions) {
    this.transcripts = new TranscriptStore(options.blobs);
    this.inlineLimit = options.inlineContentLimit ?? 32 * 1024;
  }

  async list(workspaceId: string, query: ConversationListQuery): Promise<Page<Conversation>> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, CONVERSATION_SORT, 'timestamp');
    const { items, ...total } = await this.options.conversations.list(workspaceId, { ...filters, ...(after ? { after } : {}) });
    const page = pageAfter(items, query.limit, CONVERSATION_SORT, (row) => row.lastMessageAt ?? row.createdAt);
    return { items: page.items, nextCursor: page.nextCursor, ...total };
  }

  async get(workspaceId: string, id: string): Promise<Conversation> {
    return this.require(workspaceId, id);
  }

  async create(sender: Sender, input: ConversationCreateInput): Promise<Conversation> {
    const agent = await this.options.agents.findById(sender.workspaceId, input.agentId);
    if (!agent) {
      throw new AppError('validation_failed', 'The agent does not exist', {
        errors: [{ path: 'agentId', message: 'No agent with this id in the workspace', code: 'not_found' }],
      });
    }
    const conversation = await this.options.conversations.insert(sender.workspaceId, {
      agentId: agent.id,
      title: input.title ?? DEFAULT_TITLE,
      variables: input.variables,
      createdBy: sender.userId,
    });
    await this.announce(sender.workspaceId, conversation, 'created');
    return conversation;
  }

  async update(workspaceId: string, id: string, changes: ConversationUpdate): Promise<Conversation> {
    const row = await this.options.conversations.update(workspaceId, id, changes);
    if (!row) throw notFound('Conversation', id);
    await this.announce(workspaceId, row, 'updated');
    return row;
  }

  /** Tells live views of a committed change. */
  private async announce(
    workspaceId: string,
    conversation: Pick<Conversation, 'id' | 'agentId'>,
    change: 'created' | 'updated' | 'deleted',
  ): Promise<void> {
    await this.options.live?.announce(workspaceId, 'conversation.changed', {
      conversationId: conversation.id,
      agentId: conversation.agentId,
      change,
    });
  }

  /**
   * Stops a running turn, then deletes the conversation and its messages and records
   * `conversation.deleted`, in one transaction; its blobs go after the commit.
   */
  async delete(workspaceId: string, id: string, actor: AuditActor): Promise<void> {
    await this.require(workspaceId, id);
    await this.options.turns.abort(workspaceId, id);
    const deleted = await this.options.unitOfWork.transaction(async ({ conversations, audit }) => {
      const conversation = await conversations.find(workspaceId, id);
      if (!conversation || !(await conversations.delete(workspaceId, id))) throw notFound('Conversation', id);
      await audit.insert(
        auditEvent(workspaceId, actor, {
          action: 'conversation.deleted',
          targetType: 'conversation',
          targetId: id,
          metadata: { title: conversation.title, agentId: conversation.agentId },
        }),
      );
      return conversation;
    });
    await this.announce(workspaceId, deleted, 'deleted');
    await this.options.blobs.deletePrefix(workspaceId, conversationFolder(id));
  }

  async messages(workspaceId: string, id: string, query: MessageListQuery): Promise<Page<Message>> {
    await this.require(workspaceId, id);
    const sort = query.order === 'desc' ? `-${MESSAGE_SORT}` : MESSAGE_SORT;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort, 'sequence');
    const { items, ...total } = await this.options.messages.list(workspaceId, id, {
      limit: query.limit,
      order: query.order,
      ...(after ? { after } : {}),
    });
    const page = pageAfter(items, query.limit, sort, (row) => row.seq);
    return {
      items: await Promise.all(page.items.map((row) => this.readContent(workspaceId, row))),
      nextCursor: page.nextCursor,
      ...total,
    };
  }

  async abort(workspaceId: string, id: string): Promise<boolean> {
    await this.require(workspaceId, id);
    return this.options.turns.abort(workspaceId, id);
  }

  /**
   * Runs one turn. Events go to `emit` as they happen; the result is also returned. `signal` (the client
   * going away) stops the turn like the stop button does. A failed turn throws after storing what it made.
   *
   * Two commits keep the messages and the conversation's counters in step whatever stops the process:
   * the user's message with its count (and the title), then the task's end with the reply and the turn's
   * usage. The transcript blob follows the second; a transcript that missed it is rebuilt from messages.
   */
  async send(
    sender: Sender,
    id: string,
    input: SendMessage,
    emit: (event: ChatEvent) => void,
    signal?: AbortSignal,
  ): Promise<TurnResult> {
    const { workspaceId } = sender;
    const conversation = await this.require(workspaceId, id);
    const agent = await this.options.agents.findById(workspaceId, conversation.agentId);
    if (!agent) throw notFound('Agent', conversation.agentId);
    const jsonSchema = input.responseFormat?.schema;
    if (jsonSchema) assertUsableSchema(jsonSchema);
    const systemPrompt = await this.options.runner.prepare(workspaceId, agent, conversation.variables);

    const running = await this.options.turns.begin(workspaceId, id);
    const { controller } = running;
    const stop = () => controller.abort(new DOMException('The client went away', 'AbortError'));
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const history =
        (await this.transcripts.read(workspaceId, conversation)) ?? (await this.historyFromMessages(workspaceId, id));
      const userMessage = await this.openTurn(workspaceId, conversation, input.content);
      await this.announce(workspaceId, conversation, 'updated');
      const turn: { reply: Message | null } = { reply: null };
      const { task, error, transcript } = await this.options.runner.run(
        {
          workspaceId,
          agent,
          kind: 'conversation_turn',
          scope: { conversationId: id },
          input: input.content,
          history,
          variables: conversation.variables,
          systemPrompt,
          ...(jsonSchema ? { jsonSchema } : {}),
          signal: controller.signal,
        },
        {
          emit: (event) => {
            const chatEvent = toChatEvent(event, userMessage);
            if (chatEvent) emit(chatEvent);
          },
          commit: async (result, repositories) => {
            turn.reply = await this.closeTurn(repositories, workspaceId, id, result);
          },
        },
      );
      const { reply } = turn;
      await this.transcripts.write(workspaceId, id, {
        messages: [...history, { role: 'user', content: input.content }, ...transcript],
        messageCount: conversation.messageCount + (reply ? 2 : 1),
      });
      if (error || !reply) {
        const reason = error ?? new AppError('internal_error', 'The turn stored no reply');
        emit({ type: 'turn.failed', error: { code: reason.code, message: reason.message }, message: reply, task });
        throw reason;
      }
      emit({ type: 'turn.completed', message: reply, task });
      return { userMessage, message: reply, task };
    } finally {
      signal?.removeEventListener('abort', stop);
      await running.end();
      // The reply (or what a failed turn stored) and the counters have committed by now.
      await this.announce(workspaceId, conversation, 'updated');
    }
  }

  /** Stores the user's message and counts it, naming a new conversation after it, in one transaction. */
  private openTurn(workspaceId: string, conversation: ConversationRecord, content: string): Promise<Message> {
    return this.options.unitOfWork.transaction(async ({ messages, conversations }) => {
      const userMessage = await this.store(messages, workspaceId, {
        conversationId: conversation.id,
        role: 'user',
        content,
        toolCalls: [],
        status: 'complete',
        error: null,
        provider: null,
        model: null,
        mock: false,
        usage: null,
        costUsd: null,
        taskId: null,
      });
      if (conversation.messageCount === 0 && conversation.title === DEFAULT_TITLE) {
        await conversations.update(workspaceId, conversation.id, { title: titleFrom(content) });
      }
      await conversations.addTurn(workspaceId, conversation.id, {
        messages: 1,
        usage: ZERO_USAGE,
        costUsd: 0,
        at: userMessage.createdAt,
      });
      return userMessage;
    });
  }

  /**
   * In the transaction that ends the turn's task: stores the reply (a failed or stopped turn's too, when
   * it produced anything) and adds the turn's usage, the asked agents' included, to the conversation.
   */
  private async closeTurn(
    { messages, conversations }: Repositories,
    workspaceId: string,
    conversationId: string,
    result: TaskResult,
  ): Promise<Message | null> {
    const { task, spent } = result;
    const made = result.error === null || result.text !== '' || result.toolCalls.length > 0;
    const reply = made
      ? await this.store(messages, workspaceId, {
          conversationId,
          role: 'assistant',
          content: result.text,
          toolCalls: result.toolCalls,
          status: task.status === 'succeeded' ? 'complete' : task.status === 'cancelled' ? 'cancelled' : 'failed',
          error: task.error,
          provider: result.provider,
          model: result.model,
          mock: result.mock,
          usage: spent.usage,
          costUsd: spent.costUsd,
          taskId: task.id,
        })
      : null;
    await conversations.addTurn(workspaceId, conversationId, {
      messages: reply ? 1 : 0,
      usage: spent.usage,
      costUsd: spent.costUsd,
      at: new Date().toISOString(),
    });
    return reply;
  }

  /**
   * Stores a message, moving content over the inline limit to the blob store. The blob is written first
   * (a row must not name a missing blob); if the row then does not commit, the orphan sweep removes it.
   */
  private async store(
    messages: MessageRepository,
    workspaceId: string,
    message: Omit<Message, 'id' | 'createdAt'>,
  ): Promise<Message> {
    if (Buffer.byteLength(message.content) <= this.inlineLimit) {
      return toMessage(await messages.insert(workspaceId, { ...message, contentBlobKey: null }));
    }
    const id = crypto.randomUUID();
    const key = messageContentKey(message.conversationId, id);
    await this.options.blobs.put(workspaceId, key, message.content, { contentType: 'text/plain; charset=utf-8' });
    const row = await messages.insert(workspaceId, { ...message, id, content: '', contentBlobKey: key });
    return { ...toMessage(row), content: message.content };
  }

  private async readContent(workspaceId: string, row: MessageRecord): Promise<Message> {
    if (!row.contentBlobKey) return toMessage(row);
    const bytes = await this.options.blobs.get(workspaceId, row.contentBlobKey);
    return { ...toMessage(row), content: bytes ? Buffer.from(bytes).toString('utf8') : '' };
  }

  /** When the transcript blob is missing (e.g. restored from a database backup only), rebuild from messages. */
  private async historyFromMessages(workspaceId: string, id: string): Promise<ModelMessage[]> {
    const rows = await this.options.messages.all(workspaceId, id);
    const history: ModelMessage[] = [];
    for (const row of rows) {
      const { content } = await this.readContent(workspaceId, row);
      if (content) history.push({ role: row.role, content });
    }
    return history;
  }

  private async require(workspaceId: string, id: string): Promise<ConversationRecord> {
    const row = await this.options.conversations.find(workspaceId, id);
    if (!row) throw notFound('Conversation', id);
    return row;
  }
}

/** What the chat shows of a task event: the top task's start is the turn's; nested starts are not shown. */
function toChatEvent(event: TaskEvent, userMessage: Message): ChatEvent | null {
  switch (event.type) {
    case 'task.started':
      return event.task.parentTaskId === null ? { type: 'turn.started', taskId: event.task.id, userMessage } : null;
    case 'llm.call': {
      const { call } = event;
      if (call.outcome !== 'success' && call.outcome !== 'error' && call.outcome !== 'cancelled') return null;
      return {
        type: 'llm.call',
        provider: call.provider,
        model: call.model,
        outcome: call.outcome,
        errorClass: call.errorClass,
        attempt: call.attempt,
        fallback: call.fallback,
        usage: call.usage,
        costUsd: call.costUsd,
        estimated: call.estimated,
        unpriced: call.unpriced,
      };
    }
    default:
      return event;
  }
}

const toMessage = ({ contentBlobKey: _key, seq: _seq, ...message }: MessageRecord): Message => message;

function titleFrom(content: string): string {
  const line = content.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

function assertUsableSchema(schema: Record<string, unknown>): void {
  try {
    z.fromJSONSchema(schema);
  } catch (error) {
    throw new AppError('validation_failed', 'The response schema is not a usable JSON Schema', {
      errors: [
        {
          path: 'responseFormat.schema',
          message: error instanceof Error ? error.message : 'Unsupported schema',
          code: 'invalid_schema',
        },
      ],
    });
  }
}
