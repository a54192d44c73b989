// The steps `npm test` takes before the test suites (scripts/test.mjs runs them): the builds, and the
// type-check, lint and format check. Type-check and lint resolve the workspace packages to their sources,
// not to what the build writes.
//
// The package.json scripts stay the source of truth, cut into finer steps:
// - `typecheck` is one step per `&&`-joined command (the server's and the web app's tsc).
// - `build` is the workspaces' own build scripts: the tsc ones in workspace order, one after another
//   (each reads the declarations of the ones before), with `--noCheck`, because the type-check already
//   checks the same sources (still an error to emit nothing or broken declarations); any other (the web
//   app's Vite build, which reads contracts from source) is a step of its own.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const root = readJson('package.json');

/** A step: commands run one after another in a shell, in `cwd`, with its and the repo's tools on PATH, as npm would. */
const step = (name, commands, cwd = ROOT) => ({ name, commands, cwd });

const builds = root.workspaces
  .map((workspace) => ({ workspace, script: readJson(join(workspace, 'package.json')).scripts?.build }))
  .filter(({ script }) => script);
const isTsc = ({ script }) => /^tsc\s/.test(script);

/** The tsc builds, as one step. */
export const tscBuild = step(
  'build (tsc)',
  builds.filter(isTsc).map(({ workspace, script }) => `cd ${JSON.stringify(join(ROOT, workspace))} && ${script} --noCheck`),
);

/** The other builds (the web app's), a step each. */
export const otherBuilds = builds
  .filter((build) => !isTsc(build))
  .map(({ workspace, script }) => step(`build (${workspace})`, [script], join(ROOT, workspace)));

/** The type-checks: each a single-threaded process (about 22 and 13 s of CPU when idle). */
export const typechecks = root.scripts.typecheck.split(' && ').map((command, index) => step(`typecheck ${index + 1}`, [command]));
export const lint = step('lint', [root.scripts.lint]);
export const formatCheck = step('format:check', [root.scripts['format:check']]);

/** Runs a step; its output is printed whole when it ends. Resolves with whether it passed. */
export function runStep({ name, commands, cwd }) {
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
