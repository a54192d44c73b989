import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { budgetViolations, BUDGETS, measureBundle, measureDist, type Manifest } from '../apps/web/build/bundle-budget.js';

const DIST = fileURLToPath(new URL('../apps/web/dist', import.meta.url));

describe('the web bundle budget', () => {
  it('keeps the sign-in page and every page within their gzip budgets', () => {
    if (!existsSync(`${DIST}/.vite/manifest.json`)) throw new Error('Build first: npm run build (npm test does it)');
    const report = measureDist(DIST);
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const largest = (list: typeof report.routes) => [...list].sort((a, b) => b.bytes - a.bytes)[0];
    const page = largest(report.routes);
    const widget = largest(report.deferred);
    console.log(
      `sign-in page: ${kb(report.login.bytes)} KB gzip; largest page: ${page?.name} ${kb(page?.bytes ?? 0)} KB; ` +
        `largest page with its deferred widget: ${widget?.name} ${kb(widget?.bytes ?? 0)} KB`,
    );
    expect(report.routes.length).toBeGreaterThan(10);
    expect(budgetViolations(report)).toEqual([]);
  });

  it('counts a page with everything it imports, and fails past the budget', () => {
    const manifest: Manifest = {
      'index.html': {
        file: 'assets/index.js',
        isEntry: true,
        imports: ['_react.js'],
        dynamicImports: ['src/app/AppLayout.tsx', 'src/features/usage/components/UsagePage.tsx'],
      },
      '_react.js': { file: 'assets/react.js' },
      '_charts.js': { file: 'assets/charts.js', imports: ['_react.js'] },
      'src/app/AppLayout.tsx': { file: 'assets/AppLayout.js', src: 'src/app/AppLayout.tsx', isDynamicEntry: true },
      'src/features/usage/components/UsagePage.tsx': {
        file: 'assets/UsagePage.js',
        src: 'src/features/usage/components/UsagePage.tsx',
        isDynamicEntry: true,
        imports: ['_charts.js'],
      },
    };
    const sizes: Record<string, number> = {
      'assets/index.js': 20_000,
      'assets/react.js': 100_000,
      'assets/charts.js': 130_000,
      'assets/AppLayout.js': 5_000,
      'assets/UsagePage.js': 10_000,
    };
    const report = measureBundle(manifest, (file) => sizes[file] ?? 0);
    expect(report.login.bytes).toBe(120_000);
    const usage = report.routes.find((route) => route.name.includes('UsagePage'));
    expect(usage?.bytes).toBe(265_000);
    expect(budgetViolations(report, BUDGETS)).toEqual([
      'src/features/usage/components/UsagePage.tsx needs 258.8 KB of gzipped JS (budget 250.0 KB)',
    ]);
  });
});
