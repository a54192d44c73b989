import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

/**
 * Workspace packages are consumed as TypeScript source in tests (our own `@agent-fleet/source` export
 * condition; a bare `source` would also pick up third-party packages' raw sources, e.g. eventsource-parser).
 * The bundler-only `module` condition is dropped: tests run in Node, and packages such as the AWS SDK
 * point it at ESM builds Node cannot load.
 */
const SOURCE = '@agent-fleet/source';
const nodeConditions = defaultServerConditions.filter((condition) => condition !== 'module');
const sourceConditions = {
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...nodeConditions], externalConditions: [SOURCE] } },
};

const databaseSuites = ['apps/server/src/**/*.test.ts', 'packages/db/src/**/*.test.ts'];
const unitSuites = ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * Bounds on a hung test, not timing assertions: on a loaded 2-core machine creating a database or
 * starting an app can take many times its idle cost, and the defaults (5 s, 10 s) then fail good tests.
 * The same holds for waiting on a condition: `expect.poll` and `vi.waitFor` (through the setup file)
 * wait up to 20 s by default instead of 1 s.
 */
const nodeTimeouts = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  expect: { poll: { timeout: 20_000 } },
  setupFiles: ['./packages/testing/src/vitest-setup.ts'],
};

/**
 * The database-backed suites and the unit tests share a module graph per worker instead of importing the
 * server or the package afresh for every file (that import was a quarter of the run, and 69 of the unit
 * project's 97 s at a load of 6). A database-backed file still gets its own database and app, and in
 * every file stubs are undone after each test.
 */
const sharedModules = { isolate: false, unstubGlobals: true, unstubEnvs: true, restoreMocks: true };

/**
 * Unit tests that need a worker of their own: the template engine's nesting limit is reached by stack
 * exhaustion, whose depth depends on how warm the worker is, and the password hasher compares the CPU
 * time of this process, which other files' leftover worker threads would add to.
 */
const freshWorker = ['packages/core/src/prompts/engine/limits.test.ts', 'packages/core/src/security/password-hasher.test.ts'];

const projects: TestProjectConfiguration[] = [
  {
    ...sourceConditions,
    test: {
      name: 'node:unit',
      environment: 'node',
      include: unitSuites,
      exclude: [...databaseSuites, ...freshWorker],
      ...nodeTimeouts,
      ...sharedModules,
    },
  },
  {
    ...sourceConditions,
    test: { name: 'node:unit-fresh', environment: 'node', include: freshWorker, ...nodeTimeouts },
  },
  {
    ...sourceConditions,
    test: {
      name: 'node:pglite',
      environment: 'node',
      include: databaseSuites,
      env: { TEST_DB: 'pglite' },
      ...nodeTimeouts,
      ...sharedModules,
    },
  },
  {
    // apps/web/vite.config.ts as it is, with one module graph per worker: importing React, Testing Library
    // and the app afresh for every file was half the project's time (12 files: 141 s isolated, 66 s not,
    // at a load of 12). No web test mocks modules or sets anything up in beforeAll; stubs and spies are
    // undone after each test, as each file already does for timers, storage and the auth client.
    extends: './apps/web/vite.config.ts',
    root: './apps/web',
    test: sharedModules,
  },
  {
    ...sourceConditions,
    test: {
      name: 'e2e',
      environment: 'node',
      include: ['e2e/**/*.e2e.test.ts'],
      // Builds the migrated PGlite directory each product starts from, once, in Vitest's own process.
      globalSetup: ['./e2e/global-setup.ts'],
      // The layout test walks every page at one width in one test: 55 s at a load of 10 on 2 cores, 100 s
      // with another e2e file beside it at a load of 13.
      testTimeout: 300_000,
      // Starting the product and the browser, and seeding: up to 180 s for the product alone (e2e/support.ts).
      hookTimeout: 300_000,
      // Each file starts its own product (free port, empty data directory) and works in browser contexts of
      // its own, so files run in parallel, two at a time, in the same Vitest as every other project. They
      // mostly wait (about 40 % of both cores idle while they run), but in a Vitest of their own beside the
      // others, and with the checks beside both, the overloaded machine's polls, leases and restarts cost
      // more CPU than that idle time (scripts/test.mjs).
    },
  },
];

/**
 * Suites under the database-backed folders that run once, on PGlite, and not again on PostgreSQL: what
 * they check does not depend on which database is behind the app. Anything that reads or writes
 * through SQL in a way the two could answer differently (drivers, PostgreSQL versions, concurrency)
 * stays on both.
 */
const onceOnly = [
  // These start the built product or the CLI on its embedded database whatever TEST_DB says.
  'apps/server/src/**/*.int.test.ts',
  'apps/server/src/cli.test.ts',
  // No database at all: settings, HTTP plumbing on bare Express apps (compression among them), the
  // CLI's --set parsing, the route table and OpenAPI document as data, and the migration files against
  // schema.ts (drizzle-kit reads files only).
  'apps/server/src/env.test.ts',
  'apps/server/src/openapi-conformance.test.ts',
  'apps/server/src/http/{client-error,compression,endpoints-match,event-stream,resource,route-cache,route-errors,route-results,security-headers,text-schemas}.test.ts',
  'apps/server/src/cli/run-command-input.test.ts',
  'packages/db/src/migration-drift.test.ts',
  // The CLI as an HTTP client in a child process (about 10 spawns): what it checks is file handling and
  // output. The routes it calls run on both databases in prompts.routes.test.ts and pipelines.routes.test.ts.
  'apps/server/src/cli/{prompt,pipeline}-files-command.test.ts',
  // Template rendering in worker threads under a flood; the database only signs the users in.
  'apps/server/src/modules/prompts/render-isolation.test.ts',
];

// The database-backed suites run a second time against real PostgreSQL when it is configured.
if (process.env.DATABASE_URL) {
  projects.push({
    ...sourceConditions,
    test: {
      name: 'node:postgres',
      environment: 'node',
      include: databaseSuites,
      exclude: onceOnly,
      env: { TEST_DB: 'postgres' },
      ...nodeTimeouts,
      ...sharedModules,
    },
  });
}

/**
 * Vitest's default is one worker per core less one: a single worker here. Most API tests wait on a
 * database or a child process, so two keep both cores busy.
 */
export default defineConfig({ test: { projects, maxWorkers: 2 } });
