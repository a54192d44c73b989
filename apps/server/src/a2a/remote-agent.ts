import { randomUUID } from 'node:crypto';
import { Role, TaskState, type AgentCard, type Message, type Task } from '@a2a-js/sdk';
import {
  ClientFactory,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  RestTransportFactory,
  type Client,
} from '@a2a-js/sdk/client';

/** How a remote agent wants its credential: `Authorization: Bearer …`, or an API key in a header. */
export interface RemoteAgentCredential {
  scheme: 'bearer' | 'api-key';
  value: string;
  /** The API key's header. Default `X-API-Key`. */
  headerName?: string;
}

export interface RemoteA2AAgentOptions {
  /** Where the remote's Agent Card is, e.g. `https://agents.example.com/.well-known/agent-card.json`. */
  cardUrl: string;
  credential?: RemoteAgentCredential | null;
  /** The guarded fetch (SSRF rules): every request, the card's included, goes through it. */
  fetch: typeof fetch;
}

/** What a health check saw: the remote answering its card, or why not. */
export type RemoteAgentHealth =
  | { state: 'online'; name: string; skills: string[]; checkedAt: string }
  | { state: 'offline'; reason: string; checkedAt: string };

/** A remote agent's answer to one message. */
export interface RemoteReply {
  state: 'completed' | 'failed' | 'canceled' | 'rejected' | 'input_required' | 'other';
  text: string;
  taskId: string | null;
  contextId: string;
}

/**
 * A remote A2A agent, reached with the SDK's own client: its card fetched from `cardUrl`, then its
 * JSON-RPC or REST binding, whichever the card prefers. Every request goes through the guarded fetch;
 * the credential is added only to requests to the card's own origin, so a card naming endpoints
 * elsewhere never receives it (those are called without it).
 */
export class RemoteA2AAgent {
  private readonly origin: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RemoteA2AAgentOptions) {
    this.origin = new URL(options.cardUrl).origin;
    this.fetchImpl = (input, init) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      const credential = options.credential;
      if (credential && new URL(request.url).origin === this.origin) {
        if (credential.scheme === 'bearer') headers.set('Authorization', `Bearer ${credential.value}`);
        else headers.set(credential.headerName ?? 'X-API-Key', credential.value);
      }
      // Redirects stay the guarded fetch's: it drops every credential header on a hop to another origin.
      return options.fetch(new Request(request, { headers }));
    };
  }

  /** The remote's card, fetched now. */
  card(): Promise<AgentCard> {
    return new DefaultAgentCardResolver({ fetchImpl: this.fetchImpl }).resolve(this.options.cardUrl, '');
  }

  /** Online when the remote answers its card; offline, with the reason, when it does not. */
  async health(): Promise<RemoteAgentHealth> {
    const checkedAt = new Date().toISOString();
    try {
      const card = await this.card();
      return { state: 'online', name: card.name, skills: card.skills.map((skill) => skill.name || skill.id), checkedAt };
    } catch (error) {
      return { state: 'offline', reason: error instanceof Error ? error.message : String(error), checkedAt };
    }
  }

  /** Sends one text message and waits for the remote's answer (a blocking `SendMessage`). */
  async send(text: string, options: { contextId?: string; signal?: AbortSignal } = {}): Promise<RemoteReply> {
    const client = await this.client();
    const message: Message = {
      messageId: randomUUID(),
      contextId: options.contextId ?? '',
      taskId: '',
      role: Role.ROLE_USER,
      parts: [{ content: { $case: 'text', value: text }, mediaType: 'text/plain', filename: '', metadata: undefined }],
      metadata: undefined,
      extensions: [],
      referenceTaskIds: [],
    };
    const result = await client.sendMessage(
      { tenant: '', message, configuration: undefined, metadata: undefined },
      options.signal ? { signal: options.signal } : undefined,
    );
    return 'status' in result
      ? replyOfTask(result)
      : { state: 'completed', text: textOf(result.parts), taskId: null, contextId: result.contextId };
  }

  private async client(): Promise<Client> {
    const factory = new ClientFactory({
      transports: [
        new JsonRpcTransportFactory({ fetchImpl: this.fetchImpl }),
        new RestTransportFactory({ fetchImpl: this.fetchImpl }),
      ],
      cardResolver: new DefaultAgentCardResolver({ fetchImpl: this.fetchImpl }),
    });
    return factory.createFromAgentCard(await this.card());
  }
}

const STATES: Partial<Record<TaskState, RemoteReply['state']>> = {
  [TaskState.TASK_STATE_COMPLETED]: 'completed',
  [TaskState.TASK_STATE_FAILED]: 'failed',
  [TaskState.TASK_STATE_CANCELED]: 'canceled',
  [TaskState.TASK_STATE_REJECTED]: 'rejected',
  [TaskState.TASK_STATE_INPUT_REQUIRED]: 'input_required',
};

/** The answer a task holds: its artifacts' text, else its status message's. */
function replyOfTask(task: Task): RemoteReply {
  const artifacts = task.artifacts.map((artifact) => textOf(artifact.parts)).join('');
  return {
    state: STATES[task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED] ?? 'other',
    text: artifacts || textOf(task.status?.message?.parts ?? []),
    taskId: task.id,
    contextId: task.contextId,
  };
}

function textOf(parts: Message['parts']): string {
  return parts.map((part) => (part.content?.$case === 'text' ? part.content.value : '')).join('');
}
