import { createGuardedFetch } from '@agent-fleet/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { cardUrlOf, closeRemotes, loopbackFetch, startRemote, type Remote } from './loopback-remote.test-support.js';
import { RemoteA2AAgent } from './remote-agent.js';

/** A remote A2A agent played by a loopback server built from the SDK's own server pieces (see the support file). */
afterEach(closeRemotes);

describe('a remote A2A agent', () => {
  it('fetches the card and sends a message through the guarded fetch, with its bearer credential', async () => {
    const remote = await startRemote();
    const agent = new RemoteA2AAgent({
      cardUrl: cardUrlOf(remote),
      credential: { scheme: 'bearer', value: 'remote-secret' },
      fetch: loopbackFetch(),
    });
    expect(await agent.health()).toMatchObject({ state: 'online', name: 'Remote echo', skills: ['echo'] });
    const reply = await agent.send('hello over there');
    expect(reply).toMatchObject({ state: 'completed', text: 'echo: hello over there' });
    expect(remote.seen.map((seen) => seen.path)).toContain('/rpc');
    expect(remote.seen.every((seen) => seen.authorization === 'Bearer remote-secret')).toBe(true);
  });

  it('sends an API key in its header, and never to another origin the card names', async () => {
    let other: Remote | undefined;
    const remote = await startRemote(async () => {
      other = await startRemote();
      return other.origin;
    });
    const agent = new RemoteA2AAgent({
      cardUrl: cardUrlOf(remote),
      credential: { scheme: 'api-key', value: 'k-123' },
      fetch: loopbackFetch(),
    });
    expect((await agent.send('hi')).text).toBe('echo: hi');
    expect(remote.seen.length).toBeGreaterThan(0);
    expect(remote.seen.every((seen) => seen.apiKey === 'k-123' && seen.authorization === undefined)).toBe(true);
    const rpcCalls = other?.seen.filter((seen) => seen.path === '/rpc') ?? [];
    expect(rpcCalls.length).toBeGreaterThan(0);
    expect(rpcCalls.every((seen) => seen.apiKey === undefined && seen.authorization === undefined)).toBe(true);
  });

  it('is offline when the remote is down, and when the SSRF rules refuse its address', async () => {
    const remote = await startRemote();
    const cardUrl = cardUrlOf(remote);
    await remote.close();
    const down = await new RemoteA2AAgent({ cardUrl, fetch: loopbackFetch() }).health();
    expect(down.state).toBe('offline');

    const refused = await new RemoteA2AAgent({
      cardUrl,
      credential: { scheme: 'bearer', value: 'never-sent' },
      fetch: createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [] }),
    }).health();
    expect(refused).toMatchObject({ state: 'offline', reason: expect.stringMatching(/refused|not allowed|private|loopback/i) });
  });
});
