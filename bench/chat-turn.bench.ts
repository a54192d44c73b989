import { streamText } from 'ai';
import { createMockModel } from '../packages/core/src/llm/mock-model.js';
import { createTestApp } from '../apps/server/src/test-support.js';
import { format, opsPerSecond } from './measure.js';

/**
 * What the platform adds to a model call. Baseline: the offline mock model called directly through the
 * AI SDK (`streamText`, read to the end). Measured: one whole chat turn over HTTP with the same model —
 * auth, conversation and message rows, task row, ledger row with cost, transcript blob, busy/idle status.
 */
export async function chatTurnBench(turns = 200) {
  const baseline = await opsPerSecond(turns, async () => {
    const result = streamText({ model: createMockModel('free'), prompt: 'How do tides work?' });
    for await (const _delta of result.textStream);
  });
  const t = await createTestApp();
  try {
    const owner = await t.signupOwner();
    const agent = (await owner.client.post('/api/v1/agents').send({ name: 'Bench', model: { provider: 'mock', model: 'free' } }))
      .body;
    const conversation = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body;
    // A fresh conversation every 20 turns keeps the history (and the prompt) about the size of real chats.
    let current = conversation.id as string;
    let sent = 0;
    const turnsPerSecond = await opsPerSecond(turns, async () => {
      if (++sent % 20 === 0) current = (await owner.client.post('/api/v1/conversations').send({ agentId: agent.id })).body.id;
      const res = await owner.client.post(`/api/v1/conversations/${current}/messages`).send({ content: 'How do tides work?' });
      if (res.status !== 200) throw new Error(`turn failed: ${res.status} ${res.text}`);
    });
    return {
      baseline,
      turns: turnsPerSecond,
      ratio: baseline / turnsPerSecond,
      overheadMs: 1000 / turnsPerSecond - 1000 / baseline,
    };
  } finally {
    await t.close();
  }
}

export const describeChatTurn = (r: Awaited<ReturnType<typeof chatTurnBench>>) =>
  [
    `mock model via streamText (baseline)   ${format(r.baseline)} calls/s`,
    `whole chat turn over HTTP (PGlite)     ${format(r.turns)} turns/s`,
    `platform overhead                      ${r.overheadMs.toFixed(2)} ms per turn (${r.ratio.toFixed(1)}× the baseline's time)`,
  ].join('\n');
