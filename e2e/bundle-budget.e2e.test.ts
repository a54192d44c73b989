import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  budgetViolations,
  BUDGETS,
  measureBundle,
  measureDist,
  type BundleReport,
  type Manifest,
} from '../apps/web/build/bundle-budget.js';

const DIST = fileURLToPath(new URL('../apps/web/dist', import.meta.url));

/** The built app, measured once (gzip level 9 of every file takes a while). */
let built: BundleReport | undefined;
function measureBuilt(): BundleReport {
  if (!existsSync(`${DIST}/.vite/manifest.json`)) throw new Error('Build first: npm run build (npm test does it)');
  built ??= measureDist(DIST);
  return built;
}

describe('the web bundle budget', () => {
  it('keeps the sign-in page and every page, with what it loads as it renders, within their gzip budgets', () => {
    const report = measureBuilt();
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const [largest] = [...report.routes].sort((a, b) => b.bytes - a.bytes);
    const [plain] = report.routes.filter((route) => route.widgets.length === 0).sort((a, b) => b.bytes - a.bytes);
    console.log(
      `sign-in page: ${kb(report.login.bytes)} KB gzip; largest page: ${largest?.name} ${kb(largest?.bytes ?? 0)} KB ` +
        `(${kb(largest?.initialBytes ?? 0)} KB before ${largest?.widgets.join(', ') || 'nothing deferred'}); ` +
        `largest page without a deferred widget: ${plain?.name} ${kb(plain?.bytes ?? 0)} KB`,
    );
    expect(report.routes.length).toBeGreaterThan(10);
    expect(budgetViolations(report)).toEqual([]);
  });

  it('keeps the schema library off the sign-in page and the app shell, so only pages with schema-checked forms load it', () => {
    const report = measureBuilt();
    // The chunk vite.config.ts names `zod`.
    const zod = (files: string[]) => files.filter((file) => /^assets\/zod-/.test(file));
    const shell = report.routes.find((route) => route.name === 'src/app/AppLayout.tsx');
    const forms = report.routes.find((route) => route.name === 'src/features/settings/components/PasswordPage.tsx');
    expect(zod(report.login.files)).toEqual([]);
    expect(zod(shell?.files ?? ['assets/zod-shell-not-found.js'])).toEqual([]);
    expect(zod(forms?.files ?? [])).toHaveLength(1);
  });

  const manifest: Manifest = {
    'index.html': {
      file: 'assets/index.js',
      isEntry: true,
      imports: ['_react.js'],
      dynamicImports: [
        'src/app/AppLayout.tsx',
        'src/features/usage/components/UsagePage.tsx',
        'src/features/agents/components/AgentsPage.tsx',
      ],
    },
    '_react.js': { file: 'assets/react.js' },
    '_charts.js': { file: 'assets/charts.js', imports: ['_react.js'] },
    'src/app/AppLayout.tsx': { file: 'assets/AppLayout.js', src: 'src/app/AppLayout.tsx', isDynamicEntry: true },
    'src/features/usage/components/UsagePage.tsx': {
      file: 'assets/UsagePage.js',
      src: 'src/features/usage/components/UsagePage.tsx',
      isDynamicEntry: true,
      dynamicImports: ['src/features/usage/components/Charts.tsx'],
    },
    'src/features/usage/components/Charts.tsx': {
      file: 'assets/Charts.js',
      src: 'src/features/usage/components/Charts.tsx',
      isDynamicEntry: true,
      imports: ['_charts.js'],
      // A page the widget links to is not part of the page that loads the widget.
      dynamicImports: ['src/features/agents/components/AgentsPage.tsx'],
    },
    'src/features/agents/components/AgentsPage.tsx': {
      file: 'assets/AgentsPage.js',
      src: 'src/features/agents/components/AgentsPage.tsx',
      isDynamicEntry: true,
    },
  };
  const sizes: Record<string, number> = {
    'assets/index.js': 20_000,
    'assets/react.js': 100_000,
    'assets/charts.js': 121_000,
    'assets/AppLayout.js': 5_000,
    'assets/UsagePage.js': 10_000,
    'assets/Charts.js': 1_000,
    'assets/AgentsPage.js': 4_000,
  };
  const report = measureBundle(manifest, (file) => sizes[file] ?? 0);
  const usage = report.routes.find((route) => route.name.includes('UsagePage'));

  it('counts a page with its layouts and the widgets it loads after rendering, with everything they import', () => {
    expect(report.login.bytes).toBe(120_000);
    expect(usage?.initialBytes).toBe(135_000);
    expect(usage?.widgets).toEqual(['src/features/usage/components/Charts.tsx']);
    expect(usage?.bytes).toBe(257_000);
    expect(report.routes.find((route) => route.name.includes('AgentsPage'))?.bytes).toBe(129_000);
  });

  it('fails a page past the budget once its deferred widgets are counted, unless the widget has a larger budget', () => {
    expect(budgetViolations(report, { ...BUDGETS, widgetExceptions: {} })).toEqual([
      'src/features/usage/components/UsagePage.tsx with src/features/usage/components/Charts.tsx needs 251.0 KB of gzipped JS (budget 250.0 KB)',
    ]);
    expect(
      budgetViolations(report, { ...BUDGETS, widgetExceptions: { 'src/features/usage/components/Charts.tsx': 260 * 1024 } }),
    ).toEqual([]);
  });
});
