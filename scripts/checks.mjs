// The steps `npm test` takes before the test suites: type-check, lint, format check and build. They
// read the sources and do not depend on one another (type-check and lint resolve the workspace
// packages to their sources, not to what the build writes), and each is one single-threaded process,
// so they run two at a time on two cores instead of one after another. Each step's output is printed
// whole when it ends; the script fails when any step did, after all have ended.
//
// The package.json scripts stay the source of truth, cut into finer steps that pack better on two cores:
// - `typecheck` is one step per `&&`-joined command (the server's and the web app's tsc run side by side).
// - `build` is the workspaces' own build scripts: the tsc ones in workspace order, one after another
//   (each reads the declarations of the ones before), with `--noCheck`, because the typecheck step
//   already checks the same sources (still an error to emit nothing or broken declarations); any other
//   (the web app's Vite build, which reads contracts from source) is a step of its own.
// Usage: node scripts/checks.mjs [concurrency]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const root = readJson('package.json');
const concurrency = Number(process.argv[2] ?? 2);

/** A step: commands run one after another in a shell, in `cwd`, with its and the repo's tools on PATH, as npm would. */
const step = (name, commands, cwd = ROOT) => ({ name, commands, cwd });

const typecheck = root.scripts.typecheck.split(' && ').map((command, index) => step(`typecheck ${index + 1}`, [command]));
const builds = root.workspaces
  .map((workspace) => ({ workspace, script: readJson(join(workspace, 'package.json')).scripts?.build }))
  .filter(({ script }) => script);
const tscBuilds = builds.filter(({ script }) => /^tsc\s/.test(script));
const otherBuilds = builds.filter(({ script }) => !/^tsc\s/.test(script));

// Longest first (CPU seconds when idle: about 65, 40, 37, 32, 24, 7), so the last to start are short.
const STEPS = [
  typecheck[0],
  step('lint', [root.scripts.lint]),
  step(
    'build (tsc)',
    tscBuilds.map(({ workspace, script }) => `cd ${JSON.stringify(join(ROOT, workspace))} && ${script} --noCheck`),
  ),
  ...typecheck.slice(1),
  step('format:check', [root.scripts['format:check']]),
  ...otherBuilds.map(({ workspace, script }) => step(`build (${workspace})`, [script], join(ROOT, workspace))),
];

function run({ name, commands, cwd }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(commands.join(' && '), {
      cwd,
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: [join(cwd, 'node_modules', '.bin'), join(ROOT, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
      },
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n> ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    });
  });
}

const queue = [...STEPS];
const results = await Promise.all(
  Array.from({ length: concurrency }, async () => {
    const ok = [];
    for (let next = queue.shift(); next; next = queue.shift()) ok.push(await run(next));
    return ok.every(Boolean);
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
