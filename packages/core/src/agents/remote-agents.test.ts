import type { Agent, RemoteHealth } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { SecretBox } from '../security/secret-box.js';
import {
  RemoteAgentService,
  remoteSecretContext,
  storedRemote,
  type RemoteAgents,
  type RemoteAgentStore,
  type RemoteAgentTarget,
} from './remote-agents.js';
import { agentOf } from './task-runner.test-support.js';

const box = new SecretBox(Buffer.alloc(32, 3));

const remoteAgentOf = (cardUrl: string, stored = false): Agent =>
  agentOf({
    kind: 'a2a',
    remote: { cardUrl, credential: stored ? { type: 'bearer', headerName: null, stored } : null, health: null },
  });

/** A store in memory and a remote port that answers per card URL: `down` ones fail, others echo. */
function setup(agents: Agent[], down: Set<string>, secrets = new Map<string, string>()) {
  const recorded: { agentId: string; health: RemoteHealth }[] = [];
  const targets: RemoteAgentTarget[] = [];
  const store: RemoteAgentStore = {
    findRemoteSecret: async (_workspaceId, agentId) => secrets.get(agentId) ?? null,
    recordRemoteHealth: async (_workspaceId, agentId, health) => {
      recorded.push({ agentId, health });
    },
    listRemoteAgents: async () => agents,
  };
  const remotes: RemoteAgents = {
    send: async (target, text) => {
      targets.push(target);
      if (down.has(target.cardUrl)) throw new AppError('provider_error', 'The remote agent is unreachable: ECONNREFUSED');
      if (target.cardUrl.includes('refused')) throw new AppError('outbound_refused', 'refused');
      return { text: `echo: ${text}` };
    },
    health: async (target) => {
      targets.push(target);
      if (target.cardUrl.includes('explodes')) throw new Error('boom');
      const checkedAt = new Date().toISOString();
      return down.has(target.cardUrl)
        ? { state: 'offline', reason: 'ECONNREFUSED', checkedAt }
        : { state: 'online', reason: null, checkedAt };
    },
  };
  return { service: new RemoteAgentService({ store, remotes, secrets: box }), recorded, targets };
}

describe('RemoteAgentService', () => {
  it('hands the decrypted secret to the port only, and answers with the remote reply', async () => {
    const agent = remoteAgentOf('https://a.example/card', true);
    const secrets = new Map([[agent.id, box.encrypt('s3cret', remoteSecretContext(agent.workspaceId, agent.id))]]);
    const { service, targets } = setup([agent], new Set(), secrets);
    const signal = new AbortController().signal;
    expect(await service.run(agent.workspaceId, agent, 'hi', signal)).toBe('echo: hi');
    expect(targets[0]?.credential).toEqual({ type: 'bearer', headerName: null, secret: 's3cret' });
  });

  it('checks the card at once when a task finds the remote unreachable, but not when its address is refused', async () => {
    const down = remoteAgentOf('https://down.example/card');
    const refused = remoteAgentOf('https://refused.example/card');
    const { service, recorded } = setup([down, refused], new Set(['https://down.example/card']));
    const signal = new AbortController().signal;
    await expect(service.run(down.workspaceId, down, 'x', signal)).rejects.toMatchObject({ code: 'provider_error' });
    await expect(service.run(refused.workspaceId, refused, 'x', signal)).rejects.toMatchObject({ code: 'outbound_refused' });
    expect(recorded).toEqual([{ agentId: down.id, health: expect.objectContaining({ state: 'offline' }) }]);
  });

  it('checks every a2a agent periodically; one failing check does not stop the others', async () => {
    const agents = [
      remoteAgentOf('https://up.example/card'),
      remoteAgentOf('https://explodes.example/card'),
      remoteAgentOf('https://down.example/card'),
    ];
    const { service, recorded } = setup(agents, new Set(['https://down.example/card']));
    expect(await service.checkAll()).toBe(3);
    expect(recorded.map((entry) => [entry.agentId, entry.health.state])).toEqual([
      [agents[0]?.id, 'online'],
      [agents[2]?.id, 'offline'],
    ]);
  });
});

describe('RemoteAgentService rounds', () => {
  it('joins a round still running instead of starting another', async () => {
    const agents = [remoteAgentOf('https://up.example/card')];
    const { service, recorded } = setup(agents, new Set());
    const [first, second] = await Promise.all([service.checkAll(), service.checkAll()]);
    expect([first, second]).toEqual([1, 1]);
    expect(recorded).toHaveLength(1);
    await service.checkAll();
    expect(recorded).toHaveLength(2);
  });
});

describe('storedRemote', () => {
  const previous = { cardUrl: 'https://a.example/card', credential: { type: 'bearer' as const, headerName: null } };
  it('keeps the stored secret on the same origin, drops it on another, sets or removes it when told', () => {
    const credential = { type: 'bearer' as const };
    expect(storedRemote({ cardUrl: 'https://a.example/other', credential }, previous).secret).toBeUndefined();
    expect(storedRemote({ cardUrl: 'https://b.example/card', credential }, previous).secret).toBeNull();
    expect(storedRemote({ cardUrl: 'https://b.example/card', credential: { ...credential, secret: 'n' } }, previous).secret).toBe(
      'n',
    );
    expect(storedRemote({ cardUrl: 'https://a.example/card', credential: null }, previous).secret).toBeNull();
  });
});
