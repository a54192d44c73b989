import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLanguageModel, type ProviderConfig } from '@agent-fleet/core';
import { startFakeLlmServer, type FakeLlmServer } from '@agent-fleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from './guarded-fetch.js';

const KEY = 'sk-redirect-secret-4242';

/**
 * A provider base URL whose server answers every request with a 307 to the same path on another origin
 * (the fake provider, on another loopback port): what a hijacked or misconfigured endpoint does.
 */
let redirector: Server;
let redirectorOrigin: string;
const seenByRedirector: IncomingHttpHeaders[] = [];
let provider: FakeLlmServer;

beforeAll(async () => {
  provider = await startFakeLlmServer({ models: ['claude-sonnet-4-5', 'gpt-4o-mini'] });
  redirector = createServer((req, res) => {
    seenByRedirector.push(req.headers);
    req.resume().on('end', () => res.writeHead(307, { location: `${provider.url}${req.url ?? '/'}` }).end());
  });
  redirector.listen(0, '127.0.0.1');
  await new Promise((resolve) => redirector.once('listening', resolve));
  redirectorOrigin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  redirector.closeAllConnections();
  await new Promise((resolve) => redirector.close(resolve));
  await provider.close();
});

// Both servers are on loopback, so private addresses must be allowed; the origins differ by port.
const guarded = createGuardedFetch({ allowPrivateNetworks: true, allowedHosts: [] });
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];
const credentialHeaders = ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'cookie', 'proxy-authorization'];

describe.each([
  ['anthropic', 'claude-sonnet-4-5'],
  ['openai', 'gpt-4o-mini'],
] as const)('the real %s adapter behind a cross-origin redirect', (kind, model) => {
  it('sends its key to the configured origin only: the redirect target gets no credential', async () => {
    const config: ProviderConfig = { id: kind, kind, baseUrl: `${redirectorOrigin}/v1`, apiKey: KEY };
    const before = provider.requests.length;
    const result = await createLanguageModel(config, model, guarded).doGenerate({ prompt });

    // The call went through the redirect and was answered by the provider…
    expect(result.content).toEqual([expect.objectContaining({ type: 'text' })]);
    // …the configured origin saw the key (so a header that leaked would be visible here)…
    const atRedirector = JSON.stringify(seenByRedirector.at(-1));
    expect(atRedirector).toContain(KEY);
    // …and the other origin saw no credential header and the key nowhere.
    const received = provider.requests.slice(before);
    expect(received).toHaveLength(1);
    const headers = received[0]?.headers ?? {};
    for (const name of credentialHeaders) expect(headers[name], name).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(KEY);
    expect(headers['content-type']).toMatch(/application\/json/);
  });
});
