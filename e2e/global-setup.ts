import type { TestProject } from 'vitest/node';
// By path: Vitest's own process resolves workspace packages to their builds, which e2e needs anyway.
import { migratedDataDirTemplate } from '../packages/testing/src/seed-data-dir.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite directory each product copies in as its database (see seedMigratedDataDir). */
    pgliteTemplate: string;
  }
}

/**
 * Runs once, in Vitest's own process: importing the testing package (the database layer, PGlite, pg) in
 * every browser-test file took about 6 s each, more than the copy it was for.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', await migratedDataDirTemplate());
}
