import { countTokens } from 'gpt-tokenizer';
import type { ChatMessage } from './types.js';

/**
 * Which tokenizer the estimate uses. `o200k_base` is the encoding of current OpenAI models (GPT-4o,
 * GPT-4.1, GPT-5, o-series); it is also a fair proxy for other providers' modern tokenizers, and it is
 * the only encoding we load (each BPE table costs megabytes of memory).
 */
export const TOKEN_ENCODING = 'o200k_base';

/** OpenAI's accounting for chat: each message costs 3 tokens of framing, every reply is primed with 3. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/**
 * Special-token strings such as `<|endoftext|>` are counted as the ordinary text they are in a prompt
 * (gpt-tokenizer would otherwise throw on them).
 */
const asPlainText = { disallowedSpecial: new Set<string>() };

/**
 * Estimated prompt tokens of a rendered text or chat, with the `o200k_base` encoding. An estimate:
 * providers other than OpenAI tokenize differently, and tools or images are not counted.
 */
export function estimateTokens(input: string | readonly ChatMessage[]): number {
  if (typeof input === 'string') return countTokens(input, asPlainText);
  let total = TOKENS_PER_REPLY;
  for (const message of input) {
    total += TOKENS_PER_MESSAGE + countTokens(message.role, asPlainText) + countTokens(message.content, asPlainText);
  }
  return total;
}
