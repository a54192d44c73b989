import type { z } from 'zod';
import { TextSchema } from './text.js';

/** The field error code of a refused base URL; stable. */
export const INVALID_BASE_URL = 'invalid_base_url';

/** Longest accepted base URL, in characters. */
export const BASE_URL_MAX_LENGTH = 500;

/**
 * Why `value` is not acceptable as the base URL of an outbound service, or null when it is.
 *
 * The WHATWG URL parser is forgiving in ways that matter here: `http:///etc/passwd` parses as host `etc`,
 * `http:\\host` as `http://host`, and `http://user:pw@host` carries credentials that fetch would send to
 * whatever host the URL names. So the text itself must already be in the plain form
 * `http(s)://host[:port][/path]`: no credentials, query or fragment, no whitespace or control characters.
 */
export function baseUrlProblem(value: string): string | null {
  if (!/^https?:\/\//i.test(value)) return 'Use an http:// or https:// URL';
  if (/\s|\\/.test(value) || [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    return 'A base URL must not contain spaces, control characters or backslashes';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a valid URL';
  }
  const authority = value.slice(value.indexOf('//') + 2).split('/')[0] ?? '';
  if (authority === '' || url.hostname === '') return 'A base URL needs a host name (http://host/…)';
  if (authority.includes('@') || url.username !== '' || url.password !== '') {
    return 'A base URL must not contain a user name or password; set the API key instead';
  }
  if (url.search !== '' || value.includes('?')) return 'A base URL must not have a query string';
  if (url.hash !== '' || value.includes('#')) return 'A base URL must not have a fragment';
  return null;
}

/**
 * The one schema for a base URL an admin or operator configures (LLM providers in the API and the
 * environment, the S3 endpoint): an http(s) URL with a host, without credentials, query or fragment.
 */
export const BaseUrlSchema = TextSchema.trim()
  .max(BASE_URL_MAX_LENGTH)
  .superRefine((value, context) => {
    const problem = baseUrlProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem, params: { code: INVALID_BASE_URL }, input: value });
  })
  .meta({ id: 'BaseUrl', format: 'uri', description: 'An http(s) URL with a host, without credentials, query or fragment' });
export type BaseUrl = z.infer<typeof BaseUrlSchema>;

/** The origin (`scheme://host:port`) a base URL sends requests to. */
export const originOf = (baseUrl: string): string => new URL(baseUrl).origin;
