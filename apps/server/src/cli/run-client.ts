import {
  PipelineRunSchema,
  PipelineVersionSchema,
  RunDetailSchema,
  RunEventSchema,
  TERMINAL_RUN_STATUSES,
  type InputDeclaration,
  type PipelineRun,
  type RunDetail,
  type RunEvent,
  type RunStatus,
} from '@agent-fleet/contracts';
import { EventSourceParserStream } from 'eventsource-parser/stream';

export interface RunClientOptions {
  /** The server, e.g. http://localhost:3000. */
  url: string;
  /** An API key (`af_…`) or an access token. */
  token: string;
  /** A workspace other than the key's own (`X-Workspace-Id`). */
  workspace?: string | undefined;
}

/** A problem+json reply: its status, stable code and the per-field errors of a validation failure. */
export class RunApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** How the event stream is followed across drops. */
export interface FollowOptions {
  /** Reconnects allowed in a row without receiving an event before giving up. Default 8. */
  maxReconnects?: number;
  /** The first pause before a reconnect, doubled each time up to 5 s. Default 250 ms. */
  reconnectDelayMs?: number;
  signal?: AbortSignal;
}

const RUN_ENDED = new Set(TERMINAL_RUN_STATUSES.map((status) => `run.${status}`));

/** The HTTP calls `agent-fleet run` makes: the public runs API any client uses. */
export class RunClient {
  constructor(private readonly options: RunClientOptions) {}

  /**
   * Starts a run. The Idempotency-Key makes a retried request (a timeout, a dropped connection) answer
   * the run the first one created instead of starting a second; so one network failure is retried here.
   */
  async start(
    body: { pipeline: string; input: Record<string, unknown>; priority: number },
    idempotencyKey: string,
  ): Promise<PipelineRun> {
    const send = () => this.json('POST', '/api/v1/runs', { ...body, trigger: 'cli' }, { 'idempotency-key': idempotencyKey });
    const answer = await send().catch((error: unknown) => {
      if (error instanceof RunApiError) throw error;
      return send();
    });
    return PipelineRunSchema.parse(answer);
  }

  async get(runId: string): Promise<RunDetail> {
    return RunDetailSchema.parse(await this.json('GET', `/api/v1/runs/${runId}`));
  }

  /**
   * The declared inputs of the version `pipeline` names, to type `--set` values; null when they cannot be
   * read (no `pipelines:read`, no such pipeline: the server's answer to the run says why).
   */
  async inputsOf(pipeline: string): Promise<Record<string, InputDeclaration> | null> {
    const [name = '', selector = 'latest'] = pipeline.split('@');
    try {
      const version = PipelineVersionSchema.parse(
        await this.json('GET', `/api/v1/pipelines/${encodeURIComponent(name)}/versions/${encodeURIComponent(selector)}`),
      );
      return version.definition.inputs ?? {};
    } catch {
      return null;
    }
  }

  /**
   * Yields the run's events from `after` on, live, until the run has ended. When the stream drops, it
   * reconnects with `Last-Event-ID` and so receives exactly the events it missed.
   */
  async *follow(runId: string, after = 0, options: FollowOptions = {}): AsyncGenerator<RunEvent> {
    const maxReconnects = options.maxReconnects ?? 8;
    let delay = options.reconnectDelayMs ?? 250;
    let last = after;
    let failures = 0;
    for (;;) {
      let ended = false;
      try {
        for await (const event of this.stream(runId, last, options.signal)) {
          if (event.seq <= last) continue;
          last = event.seq;
          failures = 0;
          delay = options.reconnectDelayMs ?? 250;
          yield event;
          if (RUN_ENDED.has(event.type)) ended = true;
        }
        // The server ends the stream once the run has ended and its last event was sent.
        if (ended || isTerminal((await this.get(runId)).status)) {
          if (ended) return;
          // Ended between our last event and now: one more pass drains the events we have not seen.
          yield* this.drain(runId, last);
          return;
        }
      } catch (error) {
        if (options.signal?.aborted || (error instanceof RunApiError && error.status < 500)) throw error;
      }
      if (ended) return;
      failures += 1;
      if (failures > maxReconnects) throw new Error(`Lost the event stream of run ${runId} (after event ${last})`);
      await pause(delay, options.signal);
      delay = Math.min(delay * 2, 5000);
    }
  }

  private async *drain(runId: string, after: number): AsyncGenerator<RunEvent> {
    const page = (await this.json('GET', `/api/v1/runs/${runId}/events?after=${after}&limit=1000`)) as { items: unknown[] };
    for (const item of page.items) yield RunEventSchema.parse(item);
  }

  private async *stream(runId: string, after: number, signal?: AbortSignal): AsyncGenerator<RunEvent> {
    const response = await fetch(new URL(`/api/v1/runs/${runId}/events`, this.options.url), {
      headers: { ...this.headers(), accept: 'text/event-stream', ...(after > 0 ? { 'last-event-id': String(after) } : {}) },
      ...(signal ? { signal } : {}),
    });
    if (!response.ok || !response.body) throw await problemOf(response);
    const frames = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    for await (const frame of frames) {
      if (frame.event === 'run.event') yield RunEventSchema.parse(JSON.parse(frame.data));
    }
  }

  private headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.options.token}`,
      ...(this.options.workspace ? { 'x-workspace-id': this.options.workspace } : {}),
    };
  }

  private async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    const response = await fetch(new URL(path, this.options.url), {
      method,
      headers: { ...this.headers(), ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await problemOf(response);
    return response.json();
  }
}

const isTerminal = (status: RunStatus): boolean => TERMINAL_RUN_STATUSES.includes(status);

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });
}

async function problemOf(response: Response): Promise<RunApiError> {
  const problem = (await response.json().catch(() => ({}))) as {
    code?: string;
    detail?: string;
    title?: string;
    errors?: { path?: string; message?: string }[];
  };
  return new RunApiError(
    response.status,
    problem.code ?? 'http_error',
    problem.detail ?? problem.title ?? `HTTP ${response.status}`,
    (problem.errors ?? []).map((error) => ({ path: error.path ?? '', message: error.message ?? '' })),
  );
}
