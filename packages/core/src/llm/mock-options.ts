/**
 * Behaviour of the offline `mock` provider, set per model id with a query string:
 * `echo?latencyMs=200&fail=429&failTimes=2`. Every option has a default, so plain `echo` works.
 */
export interface MockOptions {
  /** Delay before the first token. Default 0. */
  latencyMs: number;
  /** Delay between streamed chunks. Default 0. */
  chunkDelayMs: number;
  /** Reported input tokens; default an estimate of ~4 characters per token. */
  inputTokens: number | null;
  /** Reported output tokens; default an estimate from the reply. */
  outputTokens: number | null;
  /** Reported cache-read tokens (part of input). Default 0. */
  cachedInputTokens: number;
  /** Reported cache-write tokens (part of input). Default 0. */
  cacheWriteTokens: number;
  /** Reported reasoning tokens (part of output). Default 0. */
  reasoningTokens: number;
  /** Fail instead of answering: with HTTP 429 (with Retry-After 1 s), 500, or by hanging until aborted. */
  fail: '429' | '500' | 'timeout' | null;
  /** Fail only the first N calls of this model id in this process. Default: every call. */
  failTimes: number | null;
  /** `auto`: call a tool when the message asks one ("ask …"); `always`; `never`. Default `auto`. */
  tools: 'auto' | 'always' | 'never';
  /** `invalid-once`: the first JSON reply of this model id is malformed (to exercise repair). */
  json: 'valid' | 'invalid-once';
  /** A fixed reply instead of the echo. */
  reply: string | null;
  /** Text said before a tool call, in the same model call (as real models often do). Default none. */
  preface: string | null;
}

const DEFAULTS: MockOptions = {
  latencyMs: 0,
  chunkDelayMs: 0,
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  fail: null,
  failTimes: null,
  tools: 'auto',
  json: 'valid',
  reply: null,
  preface: null,
};

const count = (value: string, max: number): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? Math.min(parsed, max) : 0;
};

/** Reads the options of a mock model id; unknown or malformed options are ignored (the id is the user's). */
export function parseMockOptions(modelId: string): MockOptions {
  const query = modelId.includes('?') ? modelId.slice(modelId.indexOf('?') + 1) : '';
  const options: MockOptions = { ...DEFAULTS };
  for (const [key, value] of new URLSearchParams(query)) {
    switch (key) {
      case 'latencyMs':
      case 'chunkDelayMs':
        options[key] = count(value, 60_000);
        break;
      case 'inputTokens':
      case 'outputTokens':
        options[key] = count(value, 10_000_000);
        break;
      case 'cachedInputTokens':
      case 'cacheWriteTokens':
      case 'reasoningTokens':
        options[key] = count(value, 10_000_000);
        break;
      case 'failTimes':
        options.failTimes = count(value, 1_000_000);
        break;
      case 'fail':
        if (value === '429' || value === '500' || value === 'timeout') options.fail = value;
        break;
      case 'tools':
        if (value === 'auto' || value === 'always' || value === 'never') options.tools = value;
        break;
      case 'json':
        if (value === 'valid' || value === 'invalid-once') options.json = value;
        break;
      case 'reply':
        options.reply = value.slice(0, 10_000);
        break;
      case 'preface':
        options.preface = value.slice(0, 10_000);
        break;
    }
  }
  return options;
}
