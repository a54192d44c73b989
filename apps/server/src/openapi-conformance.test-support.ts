import type { IncomingMessage, ServerResponse } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Express, Request, Response } from 'express';
import request from 'supertest';

/** One JSON body the app sent, with the route (as declared, e.g. `/api/v1/agents/:id`) that sent it. */
interface Exchange {
  method: string;
  route: string | undefined;
  status: number;
  contentType: string;
  body: unknown;
}

interface Recorder {
  /** The app behind a hook that keeps every JSON body it sends; give this to supertest. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** What the served OpenAPI document says each recorded body should have been, one line per mismatch. */
  violations(): Promise<string[]>;
}

/**
 * Checks what the API really sends against the document it serves, for every request a test makes:
 * the declared response schema of the route and status, or the problem schema for an error. A leaked
 * column, a missing field or a wrong type fails the test file that caused it.
 *
 * `documentKey` names everything the served document depends on (the app's settings and what was
 * injected into it): apps of this process with the same key serve the same document, so it is built and
 * compiled once per key instead of once per app (building it is about 0.2 s of CPU, more than making
 * the app). Without a key the app is always asked.
 */
export function recordResponses(app: Express, documentKey?: string): Recorder {
  const exchanges: Exchange[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    Object.defineProperty(res, 'json', {
      configurable: true,
      value(this: Response, body: unknown) {
        const sent = (app.response.json as (this: Response, body: unknown) => Response).call(this, body);
        const route = (this.req as Request).route as { path?: unknown } | undefined;
        exchanges.push({
          method: this.req.method.toLowerCase(),
          route: typeof route?.path === 'string' ? route.path : undefined,
          status: this.statusCode,
          contentType: String(this.getHeader('content-type') ?? ''),
          body,
        });
        return sent;
      },
    });
    app(req as Request, res as Response);
  };
  return {
    handler,
    async violations() {
      if (exchanges.length === 0) return [];
      const validator = await validatorFor(app, documentKey);
      return exchanges.splice(0).flatMap((exchange) => validator(exchange));
    },
  };
}

type Validator = (exchange: Exchange) => string[];

/**
 * Response objects are open in the document (clients must tolerate new fields), but the server must
 * send only what it declares: for checking, every object with declared properties and no rule for
 * others is closed. Branches of an `allOf` stay open, as each sees only its own properties.
 */
function closeObjects(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => closeObjects(item, inAllOf));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [
    key,
    key === 'allOf' && Array.isArray(value) ? value.map((branch) => closeObjects(branch, true)) : closeObjects(value),
  ]);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (!inAllOf && 'properties' in object && !('additionalProperties' in object)) object.additionalProperties = false;
  return object;
}
let cached: { text: string; validator: Validator } | undefined;
const byKey = new Map<string, Validator>();

async function validatorFor(app: Express, documentKey: string | undefined): Promise<Validator> {
  const known = documentKey === undefined ? undefined : byKey.get(documentKey);
  if (known) return known;
  const validator = await validatorOfServed(app);
  if (documentKey !== undefined) byKey.set(documentKey, validator);
  return validator;
}

async function validatorOfServed(app: Express): Promise<Validator> {
  const { text } = await request(app).get('/api/openapi.json');
  if (cached?.text === text) return cached.validator;
  const document = JSON.parse(text) as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...(closeObjects(document) as object), $id: 'api' });
  const pointer = (...segments: string[]) =>
    `api#/${segments.map((s) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`;

  const validator: Validator = ({ method, route, status, contentType, body }) => {
    const mediaType = contentType.split(';')[0]?.trim() ?? '';
    const path = route?.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const declared = path ? document.paths[path]?.[method]?.responses?.[String(status)] : undefined;
    const where = `${method.toUpperCase()} ${route ?? '(no route)'} → ${status}`;
    let ref: string;
    if (declared) ref = pointer('paths', path ?? '', method, 'responses', String(status), 'content', mediaType, 'schema');
    else if (status >= 400) ref = pointer('components', 'schemas', 'Problem');
    else return [`${where}: the status is not declared in the OpenAPI document`];
    const check = ajv.getSchema(ref);
    if (!check) return [`${where}: no schema declared for ${mediaType}`];
    if (check(body)) return [];
    return (check.errors ?? []).map((error) => `${where}: ${error.instancePath || '(body)'} ${error.message ?? ''}`);
  };
  cached = { text, validator };
  return validator;
}
