import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The lint rules that guard the architecture must really fire: import-x's no-cycle passed silently on
 * every .ts file once, because it had no parser for the modules it follows. Each probe is a small file
 * written into the tree (a dot folder, which neither tsc nor Vitest picks up) and linted with the real config.
 */
const ROOT = join(import.meta.dirname, '..');
let probeDir: string;
let eslint: ESLint;

beforeAll(() => {
  probeDir = mkdtempSync(join(ROOT, 'packages/core/src/.lint-probe-'));
  eslint = new ESLint({ cwd: ROOT });
}, 60_000);
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

async function ruleIds(files: Record<string, string>, lint: string): Promise<string[]> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(probeDir, name), text);
  const [result] = await eslint.lintFiles([join(probeDir, lint)]);
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('architecture lint', () => {
  it('fails a two-file import cycle', async () => {
    const ids = await ruleIds(
      {
        'cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = (): number => b() + 1;\n",
        'cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = (): number => (a.length > 0 ? 1 : 0);\n",
      },
      'cycle-a.ts',
    );
    expect(ids).toContain('import-x/no-cycle');
  }, 60_000);

  it('fails core importing the database package by name', async () => {
    const ids = await ruleIds(
      { 'by-name.ts': "import { openDatabase } from '@agent-fleet/db';\nexport const open = openDatabase;\n" },
      'by-name.ts',
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  }, 60_000);

  it('fails core importing the database package by a relative path', async () => {
    const toDb = relative(probeDir, join(ROOT, 'packages/db/src/index.js'));
    const ids = await ruleIds(
      { 'by-path.ts': `import { openDatabase } from '${toDb}';\nexport const open = openDatabase;\n` },
      'by-path.ts',
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  }, 60_000);

  it('passes a clean file, so the probes above fail for their import alone', async () => {
    const ids = await ruleIds({ 'clean.ts': "import { z } from 'zod';\nexport const id = z.string();\n" }, 'clean.ts');
    expect(ids).toEqual([]);
  }, 60_000);
});
