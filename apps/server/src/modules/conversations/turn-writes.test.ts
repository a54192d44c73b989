import { DEFAULT_WORKSPACE_ID, sweepOrphanBlobs } from '@agent-fleet/core';
import { DrizzleBlobOwners } from '@agent-fleet/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../../test-support.js';

/**
 * A turn's writes commit in two transactions (the user's message with its count; the task's end with the
 * reply and the turn's usage), so the conversation's counters agree with its messages whatever fails in
 * between; blobs left by writes that did not commit are swept.
 */
let t: TestApp;
let owner: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ env: { MESSAGE_INLINE_LIMIT_BYTES: 256 } });
  owner = await t.signupOwner();
  // One statement per query: the extended protocol refuses several.
  for (const statement of [
    `create function refuse_reply() returns trigger language plpgsql as $$ begin raise exception 'reply refused by the test'; end $$`,
    `create trigger refuse_reply before insert on messages for each row when (new.role = 'assistant') execute function refuse_reply()`,
  ]) {
    await t.database.db.execute(sql.raw(statement));
  }
}, 60_000);
afterAll(() => t.close());

const refuseReplies = (on: boolean) =>
  t.database.db.execute(sql.raw(`alter table messages ${on ? 'enable' : 'disable'} trigger refuse_reply`));

async function conversationState(id: string) {
  const conversation = (await owner.client.get(`/api/v1/conversations/${id}`)).body as {
    messageCount: number;
    costUsd: number;
    usage: { inputTokens: number };
  };
  const messages = (await owner.client.get(`/api/v1/conversations/${id}/messages`)).body.items as {
    role: string;
    costUsd: number | null;
  }[];
  return { conversation, messages };
}

describe('the writes of a chat turn', () => {
  it('keep the counters and the messages in step when the reply cannot be stored, and the next turn works', async () => {
    const agent = await createMockAgent(owner, 'Refused');
    const { id } = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body as { id: string };

    await refuseReplies(true);
    try {
      const failed = await owner.client.post(`/api/v1/conversations/${id}/messages`).send({ content: 'First question' });
      expect(failed.status).toBe(500);
    } finally {
      await refuseReplies(false);
    }
    let state = await conversationState(id);
    expect(state.messages.map((message) => message.role)).toEqual(['user']);
    expect(state.conversation).toMatchObject({ messageCount: 1, costUsd: 0, usage: { inputTokens: 0 } });
    // The task ended with the transaction that could not commit: failed, not left running.
    const tasks = (await owner.client.get(`/api/v1/agents/${agent.id}/tasks`)).body.items as { status: string }[];
    expect(tasks.map((task) => task.status)).toEqual(['failed']);
    expect((await owner.client.get(`/api/v1/agents/${agent.id}`)).body.observedState).toBe('idle');

    const next = await owner.client.post(`/api/v1/conversations/${id}/messages`).send({ content: 'Second question' });
    expect(next.status).toBe(200);
    state = await conversationState(id);
    expect(state.messages.map((message) => message.role)).toEqual(['user', 'user', 'assistant']);
    expect(state.conversation.messageCount).toBe(3);
    expect(state.conversation.costUsd).toBe(state.messages[2]?.costUsd);
    expect(state.conversation.usage.inputTokens).toBeGreaterThan(0);
  });

  it('rebuild the history from the messages when the transcript missed the last commit', async () => {
    const agent = await createMockAgent(owner, 'Historian');
    const { id } = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body as { id: string };
    const key = `conversations/${id}/transcript.json`;
    expect((await owner.client.post(`/api/v1/conversations/${id}/messages`).send({ content: 'Turn one' })).status).toBe(200);
    const afterOne = await t.blobs.get(DEFAULT_WORKSPACE_ID, key);
    expect((await owner.client.post(`/api/v1/conversations/${id}/messages`).send({ content: 'Turn two' })).status).toBe(200);
    // As if the process stopped after the second turn committed, before its transcript was written.
    await t.blobs.put(DEFAULT_WORKSPACE_ID, key, afterOne ?? new Uint8Array());
    expect((await owner.client.post(`/api/v1/conversations/${id}/messages`).send({ content: 'Turn three' })).status).toBe(200);
    const transcript = JSON.parse(
      Buffer.from((await t.blobs.get(DEFAULT_WORKSPACE_ID, key)) ?? new Uint8Array()).toString('utf8'),
    ) as {
      messages: { role: string; content: unknown }[];
      messageCount: number;
    };
    expect(transcript.messageCount).toBe(6);
    expect(transcript.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual([
      'Turn one',
      'Turn two',
      'Turn three',
    ]);
  });
});

describe('the orphan-blob sweep', () => {
  it('deletes blobs no row owns and keeps those a row owns, and keys of other shapes', async () => {
    // A system prompt past the inline limit is kept as a blob of the task.
    const agent = await createMockAgent(owner, 'Sweeper', 'echo', {
      systemPrompt: { type: 'inline', text: `Be brief. ${'x'.repeat(17 * 1024)}` },
    });
    const { id } = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body as { id: string };
    const long = 'word '.repeat(200).trim();
    expect((await owner.client.post(`/api/v1/conversations/${id}/messages`).send({ content: long })).status).toBe(200);
    const kept = await t.blobs.list(DEFAULT_WORKSPACE_ID, `conversations/${id}/`);
    // The transcript and the long question.
    expect(kept).toEqual(expect.arrayContaining([`conversations/${id}/transcript.json`, expect.stringMatching(/\/messages\//)]));
    const taskBlobs = await t.blobs.list(DEFAULT_WORKSPACE_ID, `agents/${agent.id}/`);
    expect(taskBlobs).toEqual([expect.stringMatching(/\/tasks\/.+\/system-prompt\.txt$/)]);
    const orphans = [
      `conversations/${crypto.randomUUID()}/transcript.json`,
      `conversations/${id}/messages/${crypto.randomUUID()}.txt`,
      `agents/${agent.id}/tasks/${crypto.randomUUID()}/system-prompt.txt`,
    ];
    const foreign = `agents/${agent.id}/notes.txt`;
    for (const key of [...orphans, foreign]) await t.blobs.put(DEFAULT_WORKSPACE_ID, key, 'left behind');

    expect(await sweepOrphanBlobs(t.blobs, new DrizzleBlobOwners(t.database.db), async () => undefined)).toBe(orphans.length);
    const left = [
      ...(await t.blobs.list(DEFAULT_WORKSPACE_ID, 'conversations/')),
      ...(await t.blobs.list(DEFAULT_WORKSPACE_ID, 'agents/')),
    ];
    expect(left).toEqual(expect.arrayContaining([...kept, ...taskBlobs, foreign]));
    for (const orphan of orphans) expect(left).not.toContain(orphan);
  });
});
