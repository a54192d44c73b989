import { OutboundPolicy, type OutboundPolicyOptions } from './outbound-policy.js';

export type GuardedFetchOptions = OutboundPolicyOptions;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The Fetch standard's redirect limit. */
const MAX_REDIRECTS = 20;
/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
/**
 * The only request headers that follow a redirect to another origin. Credentials have no fixed name:
 * `Authorization` (OpenAI), `x-api-key` (Anthropic), `api-key` (Azure), `x-goog-api-key` (Gemini), a
 * cookie, or whatever header the next provider invents, so a list of credential names to drop (undici
 * drops only authorization, proxy-authorization and cookie) leaks the next one. Instead every header not
 * known to carry nothing secret is dropped: content negotiation, the body's type, the user agent and the
 * providers' protocol-version headers.
 */
export const CROSS_ORIGIN_SAFE_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-language',
  'content-type',
  'pragma',
  'user-agent',
  'anthropic-beta',
  'anthropic-version',
  'openai-beta',
]);

/**
 * A `fetch` for user-configured destinations (LLM provider base URLs such as a self-hosted Ollama) that
 * enforces "outbound requests are refused to private and loopback addresses unless allowed"; see
 * {@link OutboundPolicy}. Refusals throw `OutboundRequestRefusedError` (code `outbound_refused`).
 *
 * Redirects are followed here, one hop at a time, so each new location is checked too: otherwise a public
 * server could answer `302 Location: http://169.254.169.254/`. A redirect to another origin carries only
 * the headers in {@link CROSS_ORIGIN_SAFE_HEADERS}, so no credential of any provider follows it. To replay a body on 307/308 it is read
 * into memory first; provider requests are small JSON documents.
 *
 * Known limit (TOCTOU): the address is checked, then global fetch resolves the name again to connect, so
 * a DNS server that answers public for the check and private for the connection (DNS rebinding) can get
 * through. Closing that needs a connection-level lookup hook, which Node's built-in fetch does not expose.
 */
export function createGuardedFetch(options: GuardedFetchOptions): typeof fetch {
  const policy = new OutboundPolicy(options);

  return async (input, init) => {
    const request = new Request(input, init);
    if (request.redirect !== 'follow') {
      // 'manual' hands redirects back to the caller, whose next call is checked; 'error' never follows.
      await policy.assertAllowed(new URL(request.url));
      return fetch(request);
    }
    return followRedirects(policy, request);
  };
}

async function followRedirects(policy: OutboundPolicy, request: Request): Promise<Response> {
  let url = new URL(request.url);
  let method = request.method;
  const headers = new Headers(request.headers);
  let body: ArrayBuffer | null = request.body ? await request.arrayBuffer() : null;

  for (let redirects = 0; ; redirects += 1) {
    await policy.assertAllowed(url);
    const response = await fetch(url, { method, headers, body, signal: request.signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;

    await response.body?.cancel();
    if (redirects === MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
    const next = new URL(location, url);

    // As the Fetch standard: 303 becomes GET (HEAD stays), and so does POST on 301/302.
    if (
      (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = null;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    if (next.origin !== url.origin) {
      for (const name of [...headers.keys()]) if (!CROSS_ORIGIN_SAFE_HEADERS.has(name)) headers.delete(name);
    }
    url = next;
  }
}
