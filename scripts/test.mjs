// `npm test`: the builds, type-check, lint, format check and every Vitest project, ending with the line CI
// reads: "N passed, N failed" (a failed check counts as one failure).
//
// Everything here is CPU-bound but the browser tests, so it is packed to keep both cores busy:
// 1. The tsc builds and the web app's build start together; the checks start one after another as soon as
//    the web build (the shorter) ends. Nothing else waits for them, and their output is printed whole per step.
// 2. Once both builds are done (the suites start the built CLI and serve the built web app), two Vitests
//    start: one for every project but the browser tests, and one for the browser tests (project e2e), one
//    file at a time, its lines prefixed "[e2e]". A browser-test file mostly waits on the product and the
//    browser: run first and alone, as one project is, they used about 100 s of CPU in 145 s on two cores.
//
// With arguments (`node scripts/test.mjs --project node:unit`), one Vitest runs with them, and nothing else.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { checks, otherBuilds, runStep, tscBuild } from './checks.mjs';

mkdirSync('test-results', { recursive: true });

/** Runs Vitest with `args`, writing its JSON report to `report`; resolves with its exit code and report. */
function vitest(args, report, prefix) {
  rmSync(report, { force: true });
  const piped = prefix !== undefined;
  const child = spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit'],
  });
  if (piped) {
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop();
        for (const line of lines) out.write(`${prefix} ${line}\n`);
      });
      stream.on('end', () => partial && out.write(`${prefix} ${partial}\n`));
    }
  }
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, report })));
}

/** Each step in turn; resolves with how many failed. */
async function inTurn(steps) {
  let failures = 0;
  for (const step of steps) if (!(await runStep(step))) failures += 1;
  return failures;
}

const args = process.argv.slice(2);
let failed = 0;
let runs;
if (args.length > 0) {
  runs = [await vitest(args, 'test-results/vitest.json')];
} else {
  const webBuilt = inTurn(otherBuilds);
  const tscBuilt = inTurn([tscBuild]);
  const checked = webBuilt.then(() => inTurn(checks));
  const buildFailures = (await webBuilt) + (await tscBuilt);
  runs =
    buildFailures > 0
      ? []
      : await Promise.all([
          vitest(['--project', '!e2e'], 'test-results/vitest.json'),
          vitest(['--project', 'e2e', '--maxWorkers', '1'], 'test-results/vitest-e2e.json', '[e2e]'),
        ]);
  failed += buildFailures + (await checked);
}

let passed = 0;
for (const { code, report } of runs) {
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + (code !== 0 && results.numFailedTests === 0 ? 1 : 0);
  } catch {
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && runs.every(({ code }) => code === 0) ? 0 : 1);
