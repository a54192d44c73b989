import { INVALID_TEXT, isStorableText, jsonRecord, TextSchema } from '@agent-fleet/contracts';
import { FrontMatterSchema } from '@agent-fleet/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeTable, type RouteTableDependencies } from '../routes.js';

/**
 * Every string a request can carry must be storable text (see `TextSchema` in contracts): PostgreSQL
 * refuses NUL and lone surrogates, and a refused write is a 500 after a partial write. This walks every
 * request schema of the route table (path, query and body, nested objects, arrays, records, unions) and
 * fails on any string or free-form JSON value that would let one through, so a new route cannot forget.
 */
type Schema = z.core.$ZodType;
interface Leaf {
  where: string;
  schema: Schema;
  kind: 'string' | 'json';
}

/** String formats whose pattern admits only ASCII without controls, so NUL and surrogates never pass. */
const STRICT_FORMATS = new Set(['uuid', 'guid', 'email', 'datetime', 'date', 'time', 'duration', 'ipv4', 'ipv6', 'cuid', 'ulid']);

function leaves(schema: Schema, where: string, found: Leaf[], ancestors = new Set<Schema>()): Leaf[] {
  // A schema inside itself (z.lazy) is walked once per path.
  if (ancestors.has(schema)) return found;
  ancestors.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (child: unknown, suffix: string) => leaves(child as Schema, `${where}${suffix}`, found, ancestors);
  switch (def.type) {
    case 'string': {
      const format = def.format as string | undefined;
      if (!format || !STRICT_FORMATS.has(format)) found.push({ where, schema, kind: 'string' });
      break;
    }
    case 'unknown':
    case 'any':
      found.push({ where, schema, kind: 'json' });
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) walk(child, `.${key}`);
      if (def.catchall) walk(def.catchall, '.*');
      break;
    case 'array':
      walk(def.element, '[]');
      break;
    case 'record':
      walk(def.keyType, '{key}');
      walk(def.valueType, '{value}');
      break;
    case 'union':
      (def.options as unknown[]).forEach((option, index) => walk(option, `|${index}`));
      break;
    case 'intersection':
      walk(def.left, '&left');
      walk(def.right, '&right');
      break;
    case 'tuple':
      (def.items as unknown[]).forEach((item, index) => walk(item, `[${index}]`));
      if (def.rest) walk(def.rest, '[...]');
      break;
    case 'pipe':
      // A transform's output is computed, not read from the request.
      walk(def.in, '');
      if ((def.out as Schema)._zod.def.type !== 'transform') walk(def.out, '');
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      walk(def.innerType, '');
      break;
    case 'lazy':
      walk((def.getter as () => unknown)(), '');
      break;
    default:
      // numbers, booleans, enums, literals, dates, transforms: nothing a client can smuggle text through.
      break;
  }
  ancestors.delete(schema);
  return found;
}

const BAD_TEXT = ['a\u0000b', 'a\ud800', '\udfffa'];
const hasTextIssue = (result: z.ZodSafeParseResult<unknown>) =>
  !result.success &&
  result.error.issues.some(
    (issue) => issue.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === INVALID_TEXT,
  );

/** Whether the leaf itself refuses unstorable text (not merely by accident, e.g. a too-short sample). */
function refusesBadText(leaf: Leaf): boolean {
  const schema = leaf.schema as z.ZodType;
  if (leaf.kind === 'string') return BAD_TEXT.every((text) => hasTextIssue(schema.safeParse(text)));
  return BAD_TEXT.every(
    (text) =>
      hasTextIssue(schema.safeParse(text)) &&
      hasTextIssue(schema.safeParse({ nested: [{ deeper: text }] })) &&
      hasTextIssue(schema.safeParse({ [text]: 1 })),
  );
}

function requestLeaves(): Leaf[] {
  // Only the schemas are read: no handler runs, so the services can be absent.
  const routes = routeTable(new Proxy({}, { get: () => () => undefined }) as unknown as RouteTableDependencies);
  const fromRoutes = routes.flatMap((route) =>
    (['params', 'query', 'body'] as const).flatMap((part) => {
      // A route that serves itself reads its body itself, and must refuse such text there (A2A: turn-input.ts).
      const schema = part === 'body' && route.serve ? undefined : route.request?.[part];
      return schema ? leaves(schema, `${route.operationId} ${part}`, []) : [];
    }),
  );
  // Schemas that parse text found inside a request (YAML escapes such as "\0" make new characters).
  return [...fromRoutes, ...leaves(FrontMatterSchema, 'prompt file front matter', [])];
}

describe('storable text', () => {
  it('knows NUL and lone surrogates from ordinary text', () => {
    expect(isStorableText('héllo 👋 \t\n')).toBe(true);
    for (const text of BAD_TEXT) expect(isStorableText(text)).toBe(false);
  });

  it('refuses deep JSON without walking it recursively', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = jsonRecord({ maxKeyLength: 10, maxJsonLength: 100 }).safeParse({ a: deep });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'too_deep' } });
  });

  it('finds strings in the route table (the walker sees through wrappers)', () => {
    const found = requestLeaves().map((leaf) => leaf.where);
    expect(found).toContain('listAgents query.q');
    expect(found).toContain('createAgent body.metadata{key}');
    expect(found).toContain('createAgent body.metadata{value}');
    expect(found).toContain('createAgent body.model.fallbacks[].model');
    expect(found.length).toBeGreaterThan(80);
  });

  it('a plain z.string() in a request schema is caught by this test', () => {
    const [leaf] = leaves(z.strictObject({ name: z.string().trim().max(10) }), 'sample', []);
    if (!leaf) throw new Error('the walker found no string');
    expect(refusesBadText(leaf)).toBe(false);
    expect(refusesBadText({ ...leaf, schema: TextSchema.trim().max(10) })).toBe(true);
  });

  it('every string and JSON value a request can carry refuses NUL and lone surrogates', () => {
    const offenders = requestLeaves()
      .filter((leaf) => !refusesBadText(leaf))
      .map((leaf) => leaf.where);
    expect(offenders).toEqual([]);
  });
});
