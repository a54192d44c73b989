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

/**
 * Bounds on a hung test, not timing assertions: on a loaded 2-core machine creating a database or
 * starting an app can take many times its idle cost, and the defaults (5 s, 10 s) then fail good tests.
 */
const nodeTimeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

/**
 * The database-backed suites share a module graph per worker instead of importing the whole server
 * afresh for every file (that import was a quarter of the run). Each file still gets its own database
 * and app, and stubs are undone after each test. Unit tests keep full isolation: they import little,
 * and some (stack-depth limits of the template engine) depend on a fresh worker.
 */
const sharedModules = { isolate: false, unstubGlobals: true, unstubEnvs: true, restoreMocks: true };

const projects: TestProjectConfiguration[] = [
  {
    ...sourceConditions,
    test: {
      name: 'node:unit',
      environment: 'node',
      include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
      exclude: databaseSuites,
      ...nodeTimeouts,
    },
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
  'apps/web',
  {
    ...sourceConditions,
    test: {
      name: 'e2e',
      environment: 'node',
      include: ['e2e/**/*.e2e.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  },
];

// The same database-backed suites run a second time against real PostgreSQL when it is configured.
if (process.env.DATABASE_URL) {
  projects.push({
    ...sourceConditions,
    test: {
      name: 'node:postgres',
      environment: 'node',
      include: databaseSuites,
      // These start the built product or the CLI on its embedded database whatever TEST_DB says.
      exclude: ['apps/server/src/**/*.int.test.ts', 'apps/server/src/cli.test.ts'],
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
