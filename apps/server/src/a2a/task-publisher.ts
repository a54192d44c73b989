import { randomUUID } from 'node:crypto';
import { Role, TaskState, type Artifact, type Message, type Part } from '@a2a-js/sdk';
import { AgentEvent, type ExecutionEventBus } from '@a2a-js/sdk/server';

/** The one artifact a task produces: the agent's reply, streamed in chunks, then replaced by the whole. */
export const REPLY_ARTIFACT_ID = 'reply';

/**
 * Streamed text is published at most this often (ms). Each published event is a read and a write of the
 * task row (the SDK's ResultManager), and a model streams a token at a time.
 */
export const DELTA_FLUSH_MS = 100;

export const textPart = (text: string): Part => ({
  content: { $case: 'text', value: text },
  mediaType: 'text/plain',
  filename: '',
  metadata: undefined,
});

/**
 * Publishes one task's events in the order A2A wants them: the task first, then status and artifact
 * updates, then exactly one final status. Reply text arrives as deltas and goes out batched as
 * appended chunks of the reply artifact; the final status carries the reply as the agent's message.
 */
export class TaskPublisher {
  private started = false;
  private finished = false;
  private streamed = '';
  private pending = '';
  private chunks = 0;
  private lastFlush = 0;

  constructor(
    private readonly bus: ExecutionEventBus,
    private readonly taskId: string,
    private readonly contextId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The task as submitted, with the user's message as its history and `metadata` as its own. */
  submitted(userMessage: Message, metadata: Record<string, unknown> = {}): void {
    this.started = true;
    this.bus.publish(
      AgentEvent.task({
        id: this.taskId,
        contextId: this.contextId,
        status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
        history: [userMessage],
        artifacts: [],
        metadata,
      }),
    );
  }

  /** The turn runs; `metadata` joins the task's (e.g. which conversation it continues). */
  working(metadata: Record<string, unknown>): void {
    this.status(TaskState.TASK_STATE_WORKING, undefined, metadata);
  }

  delta(text: string): void {
    this.pending += text;
    if (this.now() - this.lastFlush >= DELTA_FLUSH_MS) this.flush();
  }

  /** Publishes the text held back, e.g. before a pause such as a tool call. */
  flush(): void {
    this.lastFlush = this.now();
    if (this.pending === '') return;
    this.publishReply(this.pending, { append: this.chunks > 0, lastChunk: false });
    this.streamed += this.pending;
    this.pending = '';
    this.chunks += 1;
  }

  completed(reply: string, messageId: string): void {
    this.finish(TaskState.TASK_STATE_COMPLETED, reply, messageId);
  }

  failed(reason: string, error: Record<string, unknown>): void {
    this.finish(TaskState.TASK_STATE_FAILED, this.streamed + this.pending, randomUUID(), reason, { error });
  }

  canceled(): void {
    this.finish(TaskState.TASK_STATE_CANCELED, this.streamed + this.pending, randomUUID(), 'The task was canceled');
  }

  /**
   * The final events: the whole reply (so far) replaces the streamed chunks as one part, then the final
   * status, whose message is the reply, or the reason when the task did not complete.
   */
  private finish(state: TaskState, reply: string, messageId: string, reason?: string, metadata?: Record<string, unknown>): void {
    if (this.finished) return;
    this.finished = true;
    if (reply !== '') this.publishReply(reply, { append: false, lastChunk: true });
    this.status(state, this.agentMessage(reason ?? reply, messageId), metadata);
  }

  private status(state: TaskState, message: Message | undefined, metadata?: Record<string, unknown>): void {
    if (!this.started) throw new Error('A task status was published before the task');
    this.bus.publish(
      AgentEvent.statusUpdate({
        taskId: this.taskId,
        contextId: this.contextId,
        status: { state, message, timestamp: new Date().toISOString() },
        metadata,
      }),
    );
  }

  private publishReply(text: string, chunk: { append: boolean; lastChunk: boolean }): void {
    this.bus.publish(
      AgentEvent.artifactUpdate({
        taskId: this.taskId,
        contextId: this.contextId,
        artifact: replyArtifact(text),
        ...chunk,
        metadata: undefined,
      }),
    );
  }

  private agentMessage(text: string, messageId: string): Message {
    return agentMessage(this.taskId, this.contextId, text, messageId);
  }
}

/** The reply artifact holding `text` whole. */
export const replyArtifact = (text: string): Artifact => ({
  artifactId: REPLY_ARTIFACT_ID,
  name: 'reply',
  description: 'The agent’s reply',
  parts: [textPart(text)],
  metadata: undefined,
  extensions: [],
});

/** A message of the agent within a task. */
export const agentMessage = (taskId: string, contextId: string, text: string, messageId: string = randomUUID()): Message => ({
  messageId,
  contextId,
  taskId,
  role: Role.ROLE_AGENT,
  parts: [textPart(text)],
  metadata: undefined,
  extensions: [],
  referenceTaskIds: [],
});
