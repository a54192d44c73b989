import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGuardedFetch } from './guarded-fetch.js';
import { OutboundRequestRefusedError } from './outbound-request-refused-error.js';

/** Loopback servers only: these tests never send traffic anywhere else. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string; port: number }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, port };
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * Stands in for global fetch: passes loopback requests on and throws for anything else, so even a broken
 * guard cannot send traffic off this machine.
 */
const realFetch = globalThis.fetch;
const network = vi.fn((input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]' && url.hostname !== 'localhost') {
    throw new Error(`the guard let a request to ${url.host} through`);
  }
  return realFetch(input, init);
});

/** A lookup that must not be consulted: proves literal addresses and allowed hosts skip DNS. */
const noLookup = async (hostname: string): Promise<string[]> => {
  throw new Error(`unexpected lookup of ${hostname}`);
};

describe('createGuardedFetch', () => {
  let target: Awaited<ReturnType<typeof listen>>;
  let other: Awaited<ReturnType<typeof listen>>;
  const received: { method?: string; url?: string; body: string; authorization?: string; apiKey?: string }[] = [];
  const otherAuthorization: (string | undefined)[] = [];
  const otherHeaders: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    vi.stubGlobal('fetch', network);
    other = await listen((req, res) => {
      otherAuthorization.push(req.headers.authorization);
      otherHeaders.push(req.headers);
      res.end('other server');
    });
    target = await listen((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const apiKey = req.headers['x-api-key'];
        received.push({
          method: req.method,
          url: req.url,
          body,
          authorization: req.headers.authorization,
          apiKey: typeof apiKey === 'string' ? apiKey : undefined,
        });
        if (req.url === '/redirect-here') res.writeHead(302, { location: '/v1/models' }).end();
        else if (req.url === '/redirect-307') res.writeHead(307, { location: '/echo' }).end();
        else if (req.url === '/redirect-other') res.writeHead(302, { location: `${other.origin}/` }).end();
        else if (req.url === '/redirect-ipv6') res.writeHead(302, { location: `http://[::1]:${other.port}/` }).end();
        else if (req.url === '/redirect-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
        else if (req.url === '/echo') res.end(`${req.method} ${body}`);
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"llama3"}]}');
      });
    });
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await closeServer(target.server);
    await closeServer(other.server);
  });

  const refused = async (attempt: Promise<unknown>, host: string, reason: RegExp) => {
    const error = await attempt.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutboundRequestRefusedError);
    expect(error).toMatchObject({ code: 'outbound_refused', host });
    expect((error as Error).message).toContain(host);
    expect((error as Error).message).toMatch(reason);
  };

  describe('by default', () => {
    const guarded = createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [], lookup: noLookup });
    beforeEach(() => {
      network.mockClear();
    });
    afterEach(() => {
      expect(network).not.toHaveBeenCalled();
    });

    it.each([
      ['http://127.0.0.1:11434/v1/models', '127.0.0.1:11434'],
      ['http://[::1]:11434/v1/models', '[::1]:11434'],
      ['http://10.0.0.5/v1', '10.0.0.5'],
      ['http://192.168.1.20:8080/v1', '192.168.1.20:8080'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
      ['http://0.0.0.0:11434/', '0.0.0.0:11434'],
      ['http://2130706433/', '127.0.0.1'],
      ['http://0x7f.1/', '127.0.0.1'],
    ])('refuses %s', async (url, host) => {
      await refused(guarded(url), host, /private, loopback/);
    });

    it('refuses the loopback test server itself, sending it nothing', async () => {
      const before = received.length;
      await refused(guarded(`${target.origin}/v1/models`), `127.0.0.1:${target.port}`, /it is a private/);
      expect(received).toHaveLength(before);
    });

    it.each(['file:///etc/passwd', 'ftp://example.com/x', 'data:text/plain,hi', 'gopher://127.0.0.1:70/'])(
      'refuses the scheme of %s',
      async (url) => {
        await expect(guarded(url)).rejects.toThrow(/only http: and https: URLs are allowed/);
        await expect(guarded(url)).rejects.toBeInstanceOf(OutboundRequestRefusedError);
      },
    );
  });

  it('refuses localhost after resolving it', async () => {
    const guarded = createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [] });
    await refused(guarded(`http://localhost:${target.port}/`), `localhost:${target.port}`, /resolves to (127\.0\.0\.1|::1)/);
  });

  it('refuses a name when any of its addresses is private, even among public ones', async () => {
    const guarded = createGuardedFetch({
      allowPrivateNetworks: false,
      allowedHosts: [],
      lookup: async () => ['93.184.216.34', '10.0.0.7'],
    });
    await refused(guarded('https://rebind.example/v1'), 'rebind.example', /resolves to 10\.0\.0\.7/);
  });

  it('reports a name that does not resolve as fetch does, as a network failure', async () => {
    const guarded = createGuardedFetch({
      allowPrivateNetworks: false,
      allowedHosts: [],
      lookup: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
      },
    });
    const error: unknown = await guarded('https://nowhere.invalid/').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ENOTFOUND' } });
  });

  it('reaches a loopback server listed as host:port, and only on that port', async () => {
    const guarded = createGuardedFetch({
      allowPrivateNetworks: false,
      allowedHosts: [`127.0.0.1:${target.port}`],
      lookup: noLookup,
    });
    const response = await guarded(`${target.origin}/v1/models`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [{ id: 'llama3' }] });
    await refused(guarded(`${other.origin}/`), `127.0.0.1:${other.port}`, /private/);
  });

  it('reaches any port of a host listed without one, matched case-insensitively', async () => {
    const guarded = createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [' LOCALHOST '], lookup: noLookup });
    const response = await guarded(`http://localhost:${other.port}/`);
    expect(await response.text()).toBe('other server');
  });

  it('reaches a loopback server when private networks are allowed, body and method intact', async () => {
    const guarded = createGuardedFetch({ allowPrivateNetworks: true, allowedHosts: [], lookup: noLookup });
    const response = await guarded(`${target.origin}/echo`, { method: 'POST', body: '{"model":"llama3"}' });
    expect(await response.text()).toBe('POST {"model":"llama3"}');
  });

  it('still refuses non-http schemes when private networks are allowed', async () => {
    const guarded = createGuardedFetch({ allowPrivateNetworks: true, allowedHosts: [], lookup: noLookup });
    await expect(guarded('file:///etc/passwd')).rejects.toBeInstanceOf(OutboundRequestRefusedError);
  });

  describe('redirects', () => {
    const allowTarget = () =>
      createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [`127.0.0.1:${target.port}`], lookup: noLookup });

    it('follows a redirect to an allowed location', async () => {
      const response = await allowTarget()(`${target.origin}/redirect-here`);
      expect(await response.json()).toEqual({ data: [{ id: 'llama3' }] });
    });

    it('replays method and body on 307', async () => {
      const response = await allowTarget()(`${target.origin}/redirect-307`, { method: 'POST', body: 'payload' });
      expect(await response.text()).toBe('POST payload');
    });

    it('checks every hop: a redirect to a refused address is refused', async () => {
      await refused(allowTarget()(`${target.origin}/redirect-other`), `127.0.0.1:${other.port}`, /private/);
      await refused(allowTarget()(`${target.origin}/redirect-ipv6`), `[::1]:${other.port}`, /private/);
      await expect(allowTarget()(`${target.origin}/redirect-file`)).rejects.toThrow(/only http: and https:/);
    });

    it('keeps credentials on a same-origin redirect and drops them when one leaves the origin', async () => {
      const guarded = createGuardedFetch({ allowPrivateNetworks: true, allowedHosts: [], lookup: noLookup });
      const before = received.length;
      await guarded(`${target.origin}/redirect-here`, { headers: { authorization: 'Bearer secret' } });
      expect(received.slice(before).map((request) => request.authorization)).toEqual(['Bearer secret', 'Bearer secret']);

      const response = await guarded(`${target.origin}/redirect-other`, { headers: { authorization: 'Bearer secret' } });
      expect(await response.text()).toBe('other server');
      expect(received.at(-1)?.authorization).toBe('Bearer secret');
      expect(otherAuthorization.at(-1)).toBeUndefined();
    });

    it('forwards only headers on the safe list when a redirect leaves the origin: every credential is dropped', async () => {
      const guarded = createGuardedFetch({ allowPrivateNetworks: true, allowedHosts: [], lookup: noLookup });
      const sent = {
        authorization: 'Bearer secret-1',
        'x-api-key': 'secret-2',
        'api-key': 'secret-3',
        'x-goog-api-key': 'secret-4',
        cookie: 'session=secret-5',
        'proxy-authorization': 'Basic secret-6',
        'x-custom-token': 'secret-7',
        'openai-organization': 'org-secret-8',
        accept: 'application/json',
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'user-agent': 'agent-fleet-test',
      };
      const before = received.length;
      const response = await guarded(`${target.origin}/redirect-other`, { headers: sent });
      expect(await response.text()).toBe('other server');
      expect(received.at(-1)?.authorization).toBe('Bearer secret-1');
      expect(received.length).toBe(before + 1);

      const arrived = otherHeaders.at(-1) ?? {};
      expect(JSON.stringify(arrived)).not.toMatch(/secret/);
      expect(arrived).toMatchObject({
        accept: 'application/json',
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'user-agent': 'agent-fleet-test',
      });
    });

    it('keeps every header on a redirect within the origin', async () => {
      const guarded = createGuardedFetch({ allowPrivateNetworks: true, allowedHosts: [], lookup: noLookup });
      const before = received.length;
      await guarded(`${target.origin}/redirect-here`, { headers: { 'x-api-key': 'same-origin-key', authorization: 'Bearer a' } });
      expect(received.slice(before).map((request) => request.apiKey)).toEqual(['same-origin-key', 'same-origin-key']);
    });

    it('gives up after 20 redirects', async () => {
      await expect(allowTarget()(`${target.origin}/loop`)).rejects.toMatchObject({
        message: 'fetch failed',
        cause: { message: 'redirect count exceeded' },
      });
    });

    it("leaves redirects to the caller with redirect: 'manual'", async () => {
      const response = await allowTarget()(`${target.origin}/redirect-other`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`${other.origin}/`);
    });
  });

  it('refuses a malformed allowed-hosts entry at creation', () => {
    for (const entry of ['http://host', 'host:port', 'a/b', 'user@host', 'host:99999']) {
      expect(() => createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [entry] }), entry).toThrow(
        'Invalid allowed host',
      );
    }
  });
});
