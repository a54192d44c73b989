import {
  AgentPageSchema,
  ChatEventSchema,
  ConversationSchema,
  type Agent,
  type ChatEvent,
  type Conversation,
} from '@agent-fleet/contracts';
import { EventSourceParserStream } from 'eventsource-parser/stream';

export interface ChatClientOptions {
  /** The server, e.g. http://localhost:3000. */
  url: string;
  /** An API key (`af_…`) or an access token. */
  token: string;
}

/** A problem+json reply, with its stable code. */
export class ChatApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP calls `agent-fleet chat` makes: the same public API any client uses. */
export class ChatClient {
  constructor(private readonly options: ChatClientOptions) {}

  /** Finds an agent by id or exact name (case-insensitive). */
  async findAgent(nameOrId: string): Promise<Agent> {
    const page = AgentPageSchema.parse(await this.json('GET', `/api/v1/agents?limit=100&q=${encodeURIComponent(nameOrId)}`));
    const wanted = nameOrId.toLowerCase();
    const agent = page.items.find((candidate) => candidate.id === nameOrId || candidate.name.toLowerCase() === wanted);
    if (agent) return agent;
    if (/^[0-9a-f-]{36}$/i.test(nameOrId)) {
      const byId = await this.json('GET', `/api/v1/agents/${nameOrId}`).catch(() => null);
      if (byId) return byId as Agent;
    }
    throw new ChatApiError(404, 'not_found', `No agent named "${nameOrId}"`);
  }

  async createConversation(agentId: string): Promise<Conversation> {
    return ConversationSchema.parse(await this.json('POST', '/api/v1/conversations', { agentId }));
  }

  async abort(conversationId: string): Promise<void> {
    await this.json('POST', `/api/v1/conversations/${conversationId}/abort`);
  }

  /** Sends a message and yields the turn's events as they stream. */
  async *send(conversationId: string, content: string, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    const response = await fetch(new URL(`/api/v1/conversations/${conversationId}/messages`, this.options.url), {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content }),
      signal,
    });
    if (!response.ok || !response.body) throw await problemOf(response);
    const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    for await (const event of events) yield ChatEventSchema.parse(JSON.parse(event.data));
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.options.token}` };
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(new URL(path, this.options.url), {
      method,
      headers: { ...this.headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await problemOf(response);
    return response.json();
  }
}

async function problemOf(response: Response): Promise<ChatApiError> {
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
  return new ChatApiError(
    response.status,
    problem.code ?? 'http_error',
    problem.detail ?? problem.title ?? `HTTP ${response.status}`,
  );
}
