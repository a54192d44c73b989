import { AppError, type VersionCheck } from '@agent-fleet/core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi.js';
import { defineResource } from './resource.js';
import { appOf } from './routes.test-support.js';

const NoteSchema = z.object({ id: z.uuid(), text: z.string(), version: z.int() });
type Note = z.infer<typeof NoteSchema>;
const NOTE_ID = '00000000-0000-4000-8000-000000000001';

/** A notes resource over one stored note; `checks` records the If-Match checks the service was given. */
function notes(versioned: boolean) {
  let note: Note | undefined;
  const checks: (VersionCheck | undefined)[] = [];
  const find = (id: string) => {
    if (!note || note.id !== id) throw new AppError('not_found', `Note ${id} was not found`);
    return note;
  };
  const routes = defineResource({
    path: '/api/v1/notes',
    names: { one: 'note', many: 'notes' },
    tags: ['Notes'],
    schema: NoteSchema,
    ...(versioned ? { version: (entity: Note) => entity.version } : {}),
    create: {
      permission: 'authenticated',
      summary: 'Create a note',
      body: z.object({ text: z.string() }),
      run: async ({ body }) => (note = { id: NOTE_ID, text: body.text, version: 1 }),
    },
    get: { permission: 'authenticated', summary: 'Get a note', run: async ({ params }) => find(params.id) },
    update: {
      permission: 'authenticated',
      summary: 'Update a note',
      body: z.object({ text: z.string() }),
      run: async ({ params, body }, check) => {
        checks.push(check);
        const current = find(params.id);
        if (check && check.version !== current.version) throw new AppError('precondition_failed', 'Stale');
        return (note = { ...current, text: body.text, version: current.version + 1 });
      },
    },
  });
  const client = (method: 'get' | 'post' | 'patch', url: string) =>
    request(appOf(routes).app)[method](url).set('Authorization', 'Bearer x');
  return { routes, checks, client };
}

describe('defineResource', () => {
  it('answers a create with 201, the Location and the ETag of a versioned entity', async () => {
    const { client } = notes(true);
    const created = await client('post', '/api/v1/notes').send({ text: 'hello' }).expect(201);
    expect(created.headers['location']).toBe(`/api/v1/notes/${NOTE_ID}`);
    expect(created.headers['etag']).toBe('"1"');
    expect((await client('get', `/api/v1/notes/${NOTE_ID}`).expect(200)).headers['etag']).toBe('"1"');
  });

  it('hands If-Match to the service, which refuses a stale version with 412', async () => {
    const { client, checks } = notes(true);
    await client('post', '/api/v1/notes').send({ text: 'hello' });
    await client('patch', `/api/v1/notes/${NOTE_ID}`).set('If-Match', '"1"').send({ text: 'two' }).expect(200);
    const stale = await client('patch', `/api/v1/notes/${NOTE_ID}`).set('If-Match', '"1"').send({ text: 'three' });
    expect(stale.status).toBe(412);
    expect(checks).toEqual([
      { source: 'if-match', version: 1 },
      { source: 'if-match', version: 1 },
    ]);
  });

  it('answers 404 for a missing entity', async () => {
    const { client } = notes(true);
    expect((await client('get', `/api/v1/notes/${NOTE_ID}`).expect(404)).body.code).toBe('not_found');
  });

  it('leaves ETag and If-Match out of an unversioned resource', async () => {
    const { client, checks, routes } = notes(false);
    const created = await client('post', '/api/v1/notes').send({ text: 'hello' }).expect(201);
    // Express's own weak content tag may be there; the version tag is not.
    expect(created.headers['etag']).not.toMatch(/^"\d+"$/);
    await client('patch', `/api/v1/notes/${NOTE_ID}`).set('If-Match', 'not a tag').send({ text: 'two' }).expect(200);
    expect(checks).toEqual([undefined]);
    const document = JSON.stringify((buildOpenApiDocument(routes, 'test') as { paths: object }).paths);
    expect(document).not.toContain('if-match');
    expect(document).not.toContain('precondition_failed');
    expect(document).not.toContain('ETag');
  });

  it('documents the standard statuses of a versioned resource', () => {
    const document = buildOpenApiDocument(notes(true).routes, 'test') as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const update = document.paths['/api/v1/notes/{id}']?.['patch'];
    expect(update?.operationId).toBe('updateNote');
    expect(Object.keys(update?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '412']));
    expect(document.paths['/api/v1/notes']?.['post']?.responses['201']).toMatchObject({
      headers: { Location: expect.anything(), ETag: expect.anything() },
    });
  });
});
