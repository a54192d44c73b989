import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as constants from './constants.js';
import * as contracts from './index.js';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every module `file` loads, with the packages they import: its own and its relative imports', transitively. */
function importsOf(file: string, seen = new Set<string>(), packages = new Set<string>()) {
  if (seen.has(file)) return { seen, packages };
  seen.add(file);
  for (const [, specifier] of readFileSync(join(SRC, file), 'utf8').matchAll(/^(?:import|export)\s[^;]*?from '([^']+)'/gm)) {
    if (!specifier) continue;
    if (specifier.startsWith('.')) importsOf(join(dirname(file), specifier).replace(/\.js$/, '.ts'), seen, packages);
    else packages.add(specifier);
  }
  return { seen, packages };
}

describe('the constants entry', () => {
  it('loads no package, so importing it never brings the schema library', () => {
    const { seen, packages } = importsOf('constants.ts');
    expect(seen.size).toBeGreaterThan(1);
    expect([...packages]).toEqual([]);
  });

  it('exports the same values as the main entry', () => {
    for (const [name, value] of Object.entries(constants)) expect(contracts[name as keyof typeof contracts], name).toBe(value);
  });
});
