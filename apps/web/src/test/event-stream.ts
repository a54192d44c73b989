/** One server-sent event frame as the API writes it: `event: <type>` and the JSON object as `data`. */
export const sseFrame = (event: { type: string }): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** A body of raw byte chunks, exactly as given: for tests of how frames split across reads. */
export function chunkedBody(chunks: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

/** A complete `text/event-stream` reply carrying `events`. */
export const eventStreamResponse = (events: readonly { type: string }[]): Response =>
  new Response(chunkedBody(events.map(sseFrame)), { status: 200, headers: { 'content-type': 'text/event-stream' } });

/**
 * A `text/event-stream` reply the test writes to while the app reads it, to check what is on screen
 * between events. `cancelled` turns true when the reader closed the connection (e.g. Stop).
 */
export function controlledEventStream() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let cancelled = false;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    response: () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    /** Writes one frame per event. Ignored once the reader has gone, like a server writing to a closed socket. */
    send(...events: { type: string }[]) {
      if (cancelled || closed) return;
      for (const event of events) controller?.enqueue(encoder.encode(sseFrame(event)));
    },
    close() {
      if (cancelled || closed) return;
      closed = true;
      controller?.close();
    },
    get cancelled() {
      return cancelled;
    },
  };
}
