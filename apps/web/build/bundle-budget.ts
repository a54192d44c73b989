import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of Vite's build manifest (`dist/.vite/manifest.json`). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  /** Chunks loaded with this one, before it runs (manifest keys). */
  imports?: string[];
  /** Chunks this one may load later (lazy routes). */
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** Gzip budgets in bytes. */
export interface Budgets {
  /** JavaScript the sign-in page needs before it renders. */
  login: number;
  /** JavaScript any page needs: the entry, its layouts and the page, with everything they import. */
  route: number;
  /**
   * A page together with a widget it loads after rendering (the code editor, the charts): what a
   * visitor has downloaded once the page is complete.
   */
  deferred: number;
}

export const BUDGETS: Budgets = { login: 150 * 1024, route: 250 * 1024, deferred: 400 * 1024 };

export interface Measured {
  name: string;
  /** Gzip bytes of all files together. */
  bytes: number;
  files: string[];
}

export interface BundleReport {
  login: Measured;
  /** Each page of the router (a lazy route), measured before its deferred widgets. */
  routes: Measured[];
  /** Each deferred widget, measured with the app shell and everything up to it. */
  deferred: Measured[];
}

const SHELL = 'src/app/AppLayout.tsx';
const LOGIN = 'src/features/auth/components/LoginPage.tsx';
/** Pages shown without the app shell. */
const SIGNED_OUT = /^src\/features\/auth\//;
/** Nested pages and the layout route they render inside (see routes.tsx and the features' routes). */
const LAYOUTS: readonly [RegExp, string][] = [
  [
    /^src\/features\/(settings\/components\/(Profile|Password)Page|api-keys|members|roles|providers|audit)\//,
    'src/features/settings/components/SettingsLayout.tsx',
  ],
  [/^src\/features\/chat\/components\/(ChatEmptyPane|ConversationPane)\./, 'src/features/chat/components/ChatPage.tsx'],
  [
    /^src\/features\/prompts\/components\/(detail\/PromptEditorTab|playground|history|labels|usage)\//,
    'src/features/prompts/components/detail/PromptDetailLayout.tsx',
  ],
];

/** The JS files a chunk needs before it runs: itself and its static imports, transitively. */
export function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`The build manifest has no chunk ${key}`);
  if (!chunk.file.endsWith('.js') || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** Whether `from` (or a chunk it imports) lazily loads `target`. */
function loads(manifest: Manifest, from: string, target: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const chunk = manifest[from];
  if (!chunk) return false;
  if (chunk.dynamicImports?.includes(target)) return true;
  return (chunk.imports ?? []).some((imported) => loads(manifest, imported, target, seen));
}

/** Measures the sign-in page and every lazily loaded page as a visitor downloads it. */
export function measureBundle(manifest: Manifest, sizeOf: (file: string) => number): BundleReport {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('The build manifest has no entry chunk');
  const measure = (name: string, keys: string[]): Measured => {
    const files = new Set<string>();
    for (const key of [entry, ...keys]) staticClosure(manifest, key, files);
    const list = [...files].sort();
    return { name, files: list, bytes: list.reduce((sum, file) => sum + sizeOf(file), 0) };
  };
  const login = measure('login', manifest[LOGIN]?.isDynamicEntry ? [LOGIN] : []);
  // The router's pages are the entry's lazy imports; any other lazy chunk is a widget a page defers.
  const pages = new Set(manifest[entry]?.dynamicImports ?? []);
  const withParents = (key: string) => {
    const layouts = LAYOUTS.filter(([pattern]) => pattern.test(key)).map(([, layout]) => layout);
    const shell = SIGNED_OUT.test(key) || key === SHELL ? [] : [SHELL];
    return [...shell, ...layouts, key];
  };
  const lazyChunks = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key]) => key);
  const routes = lazyChunks.filter((key) => pages.has(key)).map((key) => measure(key, withParents(key)));
  const deferred = lazyChunks
    .filter((key) => !pages.has(key))
    .map((key) => {
      // Counted with every page that loads it, so the worst page decides.
      const loaders = lazyChunks.filter((page) => pages.has(page) && loads(manifest, page, key));
      const worst = loaders.map((page) => measure(key, [...withParents(page), key])).sort((a, b) => b.bytes - a.bytes)[0];
      return worst ?? measure(key, [SHELL, key]);
    });
  return { login, routes, deferred };
}

/** Every way the report breaks the budgets, as sentences; empty when it fits. */
export function budgetViolations(report: BundleReport, budgets: Budgets = BUDGETS): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const violations: string[] = [];
  if (report.login.bytes > budgets.login)
    violations.push(`The sign-in page needs ${kb(report.login.bytes)} of gzipped JS (budget ${kb(budgets.login)})`);
  for (const route of report.routes)
    if (route.bytes > budgets.route)
      violations.push(`${route.name} needs ${kb(route.bytes)} of gzipped JS (budget ${kb(budgets.route)})`);
  for (const widget of report.deferred)
    if (widget.bytes > budgets.deferred)
      violations.push(`${widget.name} makes its page ${kb(widget.bytes)} of gzipped JS (budget ${kb(budgets.deferred)})`);
  return violations;
}

/** Reads a built `dist/` folder: its manifest, and each file's size gzipped at level 9. */
export function measureDist(distDir: string): BundleReport {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  return measureBundle(manifest, (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
}
