import { IdParamsSchema, type ErrorCode } from '@agent-fleet/contracts';
import type { VersionCheck } from '@agent-fleet/core';
import type { z } from 'zod';
import { ConditionalHeadersSchema, etag } from './etag.js';
import type { Route, RouteContext, RoutePermission, SuccessStatus } from './route.js';

type IdParams = z.output<typeof IdParamsSchema>;

interface Operation {
  permission: RoutePermission;
  summary: string;
  description?: string;
  /** Codes besides the standard ones: 404 on one resource, 412 on a write to a versioned one. */
  errors?: ErrorCode[];
}

/**
 * A resource of the API, declared once: `path` lists and creates, `path/:id` reads, patches and deletes.
 * Each operation names what it runs (a service call, which also writes the audit event); the routes
 * around it are the same for every resource. See docs/development.md.
 */
export interface ResourceSpec<
  E extends z.ZodType<{ id: string }, { id: string }>,
  LQ extends z.ZodType,
  LP extends z.ZodType,
  CB extends z.ZodType,
  UB extends z.ZodType,
> {
  /** The collection, e.g. `/api/v1/agents`. */
  path: string;
  /** Lower case, for operation ids (`listAgents`, `getAgent`) and descriptions. */
  names: { one: string; many: string };
  tags: string[];
  schema: E;
  /**
   * The entity's version, when it has one: replies then carry it as `ETag`, and patch and delete honour
   * `If-Match` (412 `precondition_failed` when stale). The service compares; `run` gets the check.
   */
  version?: (entity: z.input<E>) => number;
  /**
   * One page at a time: `query` holds the cursor and the filters, `page` is the page schema. List and
   * get answers are cached in a workspace (see `RouteSpec.cache`): their `run` may read only the
   * workspace, params and query.
   */
  list?: Operation & {
    query: LQ;
    page: LP;
    run(context: RouteContext<undefined, z.output<LQ>, undefined>): Promise<z.input<LP>>;
  };
  /** Answers 201 with the entity and its `Location`. */
  create?: Operation & { body: CB; run(context: RouteContext<undefined, undefined, z.output<CB>>): Promise<z.input<E>> };
  get?: Operation & { run(context: RouteContext<IdParams, undefined, undefined>): Promise<z.input<E>> };
  update?: Operation & {
    body: UB;
    run(context: RouteContext<IdParams, undefined, z.output<UB>, unknown>, check: VersionCheck | undefined): Promise<z.input<E>>;
  };
  delete?: Operation & {
    run(context: RouteContext<IdParams, undefined, undefined, unknown>, check: VersionCheck | undefined): Promise<void>;
  };
}

/**
 * A route as built here. The spec's types already tie each `run` to its schemas, so inside, the
 * context is left open (`never` fields fit every `run`) and the result is checked at runtime by the
 * route helper against the declared responses.
 */
interface ResourceRoute extends Omit<Route, 'handler'> {
  handler(
    context: RouteContext<never, never, never, never>,
  ): Promise<{ status: SuccessStatus; body?: unknown; headers?: Record<string, string> }>;
}
const asRoute = (route: ResourceRoute): Route => route as unknown as Route;

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The routes of a resource, for the route table: list, create, get, update and delete, as declared. */
export function defineResource<
  E extends z.ZodType<{ id: string }, { id: string }>,
  LQ extends z.ZodType,
  LP extends z.ZodType,
  CB extends z.ZodType,
  UB extends z.ZodType,
>(spec: ResourceSpec<E, LQ, LP, CB, UB>): Route[] {
  const { path, names, tags, schema, version, list, create, get, update } = spec;
  const one = capitalised(names.one);
  const item = `${path}/:id`;
  const conditional = version ? { headers: ConditionalHeadersSchema } : {};
  const preconditions: ErrorCode[] = version ? ['not_found', 'precondition_failed'] : ['not_found'];
  const checkOf = (headers: z.output<typeof ConditionalHeadersSchema> | undefined) => headers?.['if-match'];
  const etagHeader: Record<string, string> = version ? { ETag: `The ${names.one} version, for If-Match` } : {};
  const etagResponse = version ? { headers: etagHeader } : {};
  const entityHeaders = (entity: z.input<E>): Record<string, string> => (version ? { ETag: etag(version(entity)) } : {});
  const common = (operation: Operation) => ({
    tags,
    permission: operation.permission,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
  });
  const routes: Route[] = [];

  if (list) {
    routes.push(
      asRoute({
        ...common(list),
        method: 'get',
        path,
        operationId: `list${capitalised(names.many)}`,
        cache: list.permission !== 'authenticated',
        request: { query: list.query },
        responses: { 200: { description: `A page of ${names.many}`, schema: list.page } },
        ...(list.errors ? { errors: list.errors } : {}),
        handler: async (context) => ({ status: 200, body: await list.run(context) }),
      }),
    );
  }
  if (create) {
    routes.push(
      asRoute({
        ...common(create),
        method: 'post',
        path,
        operationId: `create${one}`,
        request: { body: create.body },
        responses: {
          201: { description: `The ${names.one}`, schema, headers: { ...etagHeader, Location: `The ${names.one} URL` } },
        },
        ...(create.errors ? { errors: create.errors } : {}),
        handler: async (context) => {
          const entity = await create.run(context);
          return { status: 201, body: entity, headers: { ...entityHeaders(entity), Location: `${path}/${entity.id}` } };
        },
      }),
    );
  }
  if (get) {
    routes.push(
      asRoute({
        ...common(get),
        method: 'get',
        path: item,
        operationId: `get${one}`,
        cache: get.permission !== 'authenticated',
        request: { params: IdParamsSchema },
        responses: { 200: { description: `The ${names.one}`, schema, ...etagResponse } },
        errors: ['not_found', ...(get.errors ?? [])],
        handler: async (context) => {
          const entity = await get.run(context);
          return { status: 200, body: entity, headers: entityHeaders(entity) };
        },
      }),
    );
  }
  if (update) {
    routes.push(
      asRoute({
        ...common(update),
        method: 'patch',
        path: item,
        operationId: `update${one}`,
        request: { params: IdParamsSchema, body: update.body, ...conditional },
        responses: { 200: { description: `The ${names.one}`, schema, ...etagResponse } },
        errors: [...preconditions, ...(update.errors ?? [])],
        handler: async (context) => {
          const entity = await update.run(context, checkOf(context.headers));
          return { status: 200, body: entity, headers: entityHeaders(entity) };
        },
      }),
    );
  }
  const remove = spec.delete;
  if (remove) {
    routes.push(
      asRoute({
        ...common(remove),
        method: 'delete',
        path: item,
        operationId: `delete${one}`,
        request: { params: IdParamsSchema, ...conditional },
        responses: { 204: { description: 'Deleted' } },
        errors: [...preconditions, ...(remove.errors ?? [])],
        handler: async (context) => {
          await remove.run(context, checkOf(context.headers));
          return { status: 204 };
        },
      }),
    );
  }
  return routes;
}
