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
  /**
   * JavaScript any page downloads: the entry, its layouts and the page, with everything they import,
   * plus the widgets it loads as it renders (the code editor, a graph) with the chunks they may load
   * on a click (the run dialog). Deferring a widget does not make its size free; no page is excused.
   */
  route: number;
}

export const BUDGETS: Budgets = {
  login: 150 * 1024,
  route: 250 * 1024,
};

export interface Measured {
  name: string;
  /** Gzip bytes of all files together (for a page: with its widgets). */
  bytes: number;
  files: string[];
}

export interface MeasuredRoute extends Measured {
  /** Gzip bytes the page needs before it renders, without its deferred widgets. */
  initialBytes: number;
  /** The files of `initialBytes`. */
  initialFiles: string[];
  /** Lazily loaded chunks that are not pages (manifest keys), loaded as the page renders. */
  widgets: string[];
}

export interface BundleReport {
  login: Measured;
  /** Each page of the router (a lazy route), with the widgets it defers. */
  routes: MeasuredRoute[];
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
  [
    /^src\/features\/pipelines\/components\/(editor\/PipelineEditorTab\.|versions\/|labels\/)/,
    'src/features/pipelines/components/detail/PipelineDetailLayout.tsx',
  ],
];

/** The chunks (manifest keys) a chunk needs before it runs: itself and its static imports, transitively. */
function staticKeys(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`The build manifest has no chunk ${key}`);
  if (!chunk.file.endsWith('.js') || into.has(key)) return into;
  into.add(key);
  for (const imported of chunk.imports ?? []) staticKeys(manifest, imported, into);
  return into;
}

/**
 * The lazily loaded chunks that `keys` reach and that are not pages: the widgets a page loads as it
 * renders, and theirs in turn.
 */
function widgetsOf(manifest: Manifest, keys: readonly string[], pages: ReadonlySet<string>): string[] {
  const loaded = new Set<string>();
  for (const key of keys) staticKeys(manifest, key, loaded);
  const widgets: string[] = [];
  for (const key of loaded) {
    for (const lazy of manifest[key]?.dynamicImports ?? []) {
      // Already loaded (statically, or as an earlier widget) or a page of its own: not this page's widget.
      if (pages.has(lazy) || loaded.has(lazy)) continue;
      widgets.push(lazy);
      // The set grows while it is iterated: the widget's own imports are visited too.
      staticKeys(manifest, lazy, loaded);
    }
  }
  return widgets.sort();
}

/** Measures the sign-in page and every lazily loaded page as a visitor downloads it. */
export function measureBundle(manifest: Manifest, sizeOf: (file: string) => number): BundleReport {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('The build manifest has no entry chunk');
  const measure = (name: string, keys: string[]): Measured => {
    const chunks = new Set<string>();
    for (const key of [entry, ...keys]) staticKeys(manifest, key, chunks);
    const files = [...chunks].map((key) => manifest[key]?.file as string).sort();
    return { name, files, bytes: files.reduce((sum, file) => sum + sizeOf(file), 0) };
  };
  const login = measure('login', manifest[LOGIN]?.isDynamicEntry ? [LOGIN] : []);
  // The router's pages are the entry's lazy imports of modules; any other lazy chunk (a widget, or a
  // shared chunk the entry loads later) is loaded by a page.
  const pages = new Set((manifest[entry]?.dynamicImports ?? []).filter((key) => !key.startsWith('_')));
  const withParents = (key: string) => {
    const layouts = LAYOUTS.filter(([pattern]) => pattern.test(key)).map(([, layout]) => layout);
    const shell = SIGNED_OUT.test(key) || key === SHELL ? [] : [SHELL];
    return [...shell, ...layouts, key];
  };
  const routes = [...pages].map((page): MeasuredRoute => {
    const keys = withParents(page);
    const widgets = widgetsOf(manifest, [entry, ...keys], pages);
    const initial = measure(page, keys);
    return { ...measure(page, [...keys, ...widgets]), initialBytes: initial.bytes, initialFiles: initial.files, widgets };
  });
  return { login, routes };
}

/** Every way the report breaks the budgets, as sentences; empty when it fits. */
export function budgetViolations(report: BundleReport, budgets: Budgets = BUDGETS): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const violations: string[] = [];
  if (report.login.bytes > budgets.login)
    violations.push(`The sign-in page needs ${kb(report.login.bytes)} of gzipped JS (budget ${kb(budgets.login)})`);
  for (const route of report.routes) {
    const widgets = route.widgets.length > 0 ? ` with ${route.widgets.join(', ')}` : '';
    if (route.bytes > budgets.route)
      violations.push(`${route.name}${widgets} needs ${kb(route.bytes)} of gzipped JS (budget ${kb(budgets.route)})`);
  }
  return violations;
}

/** Reads a built `dist/` folder: its manifest, and each file's size gzipped at level 9. */
export function measureDist(distDir: string): BundleReport {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  return measureBundle(manifest, (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
}
