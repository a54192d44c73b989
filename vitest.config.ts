import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

/** Workspace packages are consumed as TypeScript source in tests (the `source` export condition). */
const sourceConditions = {
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
};

const databaseSuites = ['apps/server/src/**/*.test.ts', 'packages/db/src/**/*.test.ts'];

const projects: TestProjectConfiguration[] = [
  {
    ...sourceConditions,
    test: {
      name: 'node:pglite',
      environment: 'node',
      include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'],
      env: { TEST_DB: 'pglite' },
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
      env: { TEST_DB: 'postgres' },
    },
  });
}

export default defineConfig({ test: { projects } });
