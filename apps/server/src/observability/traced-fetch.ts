import type { Tracing } from '@agent-fleet/core';

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * `fetch` with each request in a client span named by its method (HTTP semantic conventions): the host,
 * port and scheme, and the status code; never the path or query, which may carry secrets. An `http`
 * pipeline step's request is thus a child of the step's span.
 */
export function tracedFetch(fetch: typeof globalThis.fetch, tracing: Tracing): typeof globalThis.fetch {
  return (input, init) => {
    const request = input instanceof Request ? input : null;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = new URL(request?.url ?? String(input));
    return tracing.span(
      method,
      {
        'http.request.method': method,
        'server.address': url.hostname,
        'server.port': url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol],
        'url.scheme': url.protocol.replace(/:$/, ''),
      },
      () => fetch(input, init),
      (response) => ({
        'http.response.status_code': response.status,
        'error.type': response.status >= 400 ? String(response.status) : undefined,
      }),
      { kind: 'client' },
    );
  };
}
