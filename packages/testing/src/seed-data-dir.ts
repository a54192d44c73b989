import { existsSync, renameSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { migrateDatabase, openDatabase } from '@agent-fleet/db';
import { copyDataDirTemplate } from './copy-data-dir.js';
import { migratedTemplatePath } from './migrated-template.js';

/**
 * Gives a product's DATA_DIR, when it has no database yet, an embedded database that is already migrated, as `agent-fleet serve`
 * would leave it after its first start. Creating the cluster (initdb) and running every migration costs
 * seconds of CPU at each first start; tests that start the real product many times (browser tests, crash
 * tests) copy a cached migrated directory instead. The product still runs its migrations on start, which
 * then finds nothing to do. A test of the first start itself (serve.int.test.ts) does not use this.
 */
export async function seedMigratedDataDir(dataDir: string): Promise<void> {
  copyDataDirTemplate(await migratedDataDirTemplate(), dataDir);
}

/** The cached migrated PGlite directory, built first if missing. */
export async function migratedDataDirTemplate(): Promise<string> {
  const template = migratedTemplatePath('dir');
  if (!existsSync(template)) await buildTemplate(template);
  return template;
}

/** Built beside its final name and renamed, so a parallel test never copies a half-built template. */
async function buildTemplate(template: string): Promise<void> {
  const partial = `${template}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const instance = await PGlite.create(partial);
  try {
    await migrateDatabase(await openDatabase({ driver: 'pglite', instance }));
  } finally {
    await instance.close();
  }
  try {
    renameSync(partial, template);
  } catch (error) {
    // Another process finished first: its template is as good.
    if (!existsSync(template)) throw error;
    rmSync(partial, { recursive: true, force: true });
  }
}
