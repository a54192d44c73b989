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
  it('keeps the sign-in page and every page, counting the widgets it loads, within their gzip budgets', () => {
    const report = measureBuilt();
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const [largest] = [...report.routes].sort((a, b) => b.bytes - a.bytes);
    console.log(
      `sign-in page: ${kb(report.login.bytes)} KB gzip; largest page with its widgets: ${largest?.name} ` +
        `${kb(largest?.bytes ?? 0)} KB (${largest?.widgets.join(', ') || 'none'})`,
    );
    for (const route of report.routes.filter((page) => page.widgets.length > 0))
      console.log(`  ${route.name}: ${kb(route.initialBytes)} KB, ${kb(route.bytes)} KB with ${route.widgets.join(', ')}`);
    expect(report.routes.length).toBeGreaterThan(10);
    expect(budgetViolations(report)).toEqual([]);
  });

  it('leaves the editors and the graphs out of every page until the page renders them', () => {
    const report = measureBuilt();
    const editorPages = report.routes.filter((route) => route.widgets.some((widget) => /(Liquid|Yaml)Editor\.tsx$/.test(widget)));
    const graphPages = report.routes.filter((route) => route.widgets.some((widget) => /(Pipeline|Run)Graph\.tsx$/.test(widget)));
    expect(editorPages.map((route) => route.name)).toEqual(
      expect.arrayContaining([
        'src/features/prompts/components/detail/PromptEditorTab.tsx',
        'src/features/prompts/components/editor/PromptCreatePage.tsx',
        'src/features/pipelines/components/editor/PipelineEditorTab.tsx',
      ]),
    );
    expect(graphPages.map((route) => route.name)).toEqual(
      expect.arrayContaining([
        'src/features/pipelines/components/editor/PipelineEditorTab.tsx',
        'src/features/runs/components/detail/RunDetailPage.tsx',
      ]),
    );
    for (const route of [...editorPages, ...graphPages]) {
      const deferred = route.files.filter((file) => !route.initialFiles.includes(file));
      // The editor's and the graphs' own chunks.
      expect(deferred.some((file) => /^assets\/(CodeEditor|PipelineGraph|RunGraph)-/.test(file))).toBe(true);
      expect(
        route.initialFiles.filter((file) => /^assets\/(CodeEditor|PipelineGraph|RunGraph|StepGraphCanvas)-/.test(file)),
      ).toEqual([]);
    }
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
    'assets/charts.js': 111_000,
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
    expect(usage?.bytes).toBe(247_000);
    expect(report.routes.find((route) => route.name.includes('AgentsPage'))?.bytes).toBe(129_000);
  });

  it('fails a page past the budget once the widgets it loads are counted, with no exception for widgets', () => {
    expect(budgetViolations(report)).toEqual([]);
    expect(budgetViolations(report, { ...BUDGETS, route: 246_000 })).toEqual([
      'src/features/usage/components/UsagePage.tsx with src/features/usage/components/Charts.tsx needs 241.2 KB of gzipped JS (budget 240.2 KB)',
    ]);
    // The page alone (135,000 bytes) fits this budget; its chart widget brings it past.
    expect(budgetViolations(report, { ...BUDGETS, route: 136_000 })).toHaveLength(1);
  });

  it('names every page past the budget, and the sign-in page past its own', () => {
    expect(budgetViolations(report, { login: 110_000, route: 120_000 })).toEqual([
      'The sign-in page needs 117.2 KB of gzipped JS (budget 107.4 KB)',
      'src/app/AppLayout.tsx needs 122.1 KB of gzipped JS (budget 117.2 KB)',
      'src/features/usage/components/UsagePage.tsx with src/features/usage/components/Charts.tsx needs 241.2 KB of gzipped JS (budget 117.2 KB)',
      'src/features/agents/components/AgentsPage.tsx needs 126.0 KB of gzipped JS (budget 117.2 KB)',
    ]);
  });
});
