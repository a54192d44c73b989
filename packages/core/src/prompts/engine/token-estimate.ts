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
 * BPE merging is quadratic in the length of one pre-token, so a 100,000-letter run took 11 s to count.
 * Long text is counted in pieces of at most this many characters, cut before whitespace where there
 * is some (where the tokenizer would cut anyway), so the estimate stays linear and nearly exact.
 */
const MAX_PIECE = 1024;

function countText(text: string): number {
  if (text.length <= MAX_PIECE) return countTokens(text, asPlainText);
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + MAX_PIECE, text.length);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'));
      if (cut > 0) end = start + cut;
      // Never split a surrogate pair.
      else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
    }
    total += countTokens(text.slice(start, end), asPlainText);
    start = end;
  }
  return total;
}

/**
 * Estimated prompt tokens of a rendered text or chat, with the `o200k_base` encoding. An estimate:
 * providers other than OpenAI tokenize differently, and tools or images are not counted.
 */
export function estimateTokens(input: string | readonly ChatMessage[]): number {
  if (typeof input === 'string') return countText(input);
  let total = TOKENS_PER_REPLY;
  for (const message of input) {
    total += TOKENS_PER_MESSAGE + countText(message.role) + countText(message.content);
  }
  return total;
}
