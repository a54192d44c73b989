import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrate.js';

/**
 * The tables (tables.ts) and the migrations must agree: a column added to the schema without its migration would
 * pass every test on a database the tests migrate, then fail in production. drizzle-kit generates into
 * a copy of the migrations folder; any new file means the two have drifted.
 */
const PACKAGE = join(import.meta.dirname, '..');
// drizzle-kit takes `--out` relative to the working directory, so the copy lives inside the package.
const copy = mkdtempSync(join(PACKAGE, '.drift-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('migrations', () => {
  it('match the tables (drizzle-kit generate finds nothing to do)', () => {
    cpSync(migrationsFolder, copy, { recursive: true });
    const before = readdirSync(copy, { recursive: true, encoding: 'utf8' }).sort();
    const run = spawnSync(
      'npx',
      ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './src/tables.ts', '--out', relative(PACKAGE, copy)],
      { cwd: PACKAGE, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const added = readdirSync(copy, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((file) => !before.includes(file));
    expect(added, `Generate a migration: cd packages/db && npx drizzle-kit generate --name <what>\n${run.stdout}`).toEqual([]);
  }, 150_000);
});
