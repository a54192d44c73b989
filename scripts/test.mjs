// `npm test`: the builds, type-check, lint, format check and every Vitest project, ending with the line CI
// reads: "N passed, N failed" (a failed check or build counts as one failure).
//
// 1. The checks and builds, two at a time (each is one single-threaded process).
// 2. Two Vitests side by side: one for every project but the browser tests, two files at a time, and one
//    for the browser tests (project e2e), one file at a time, its lines prefixed "[e2e]". A browser-test
//    file mostly waits on the product and the browser: run first and alone, as one project is, the 12 left
//    about 40 % of both cores idle for their 150 s.
//    Running the checks beside the suites as well left no core idle, but so overloaded the machine that
//    the suites' own waiting (polls, leases, timers) cost more CPU than the idle time saved (673 s in all).
//
// With arguments (`node scripts/test.mjs --project node:unit`), one Vitest runs with them, and nothing else.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { formatCheck, lint, otherBuilds, runStep, tscBuild, typechecks } from './checks.mjs';

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

/** The steps, `lanes` at a time, in the order given; resolves with how many failed. */
async function inLanes(lanes, steps) {
  const queue = [...steps];
  let failures = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) if (!(await runStep(next))) failures += 1;
    }),
  );
  return failures;
}

const args = process.argv.slice(2);
let failed = 0;
let runs = [];
if (args.length > 0) {
  runs = [await vitest(args, 'test-results/vitest.json')];
} else {
  // Longest first (CPU seconds when idle: lint about 45, format check 32, tsc builds 25, type-checks 22 and 13,
  // web build 7), so the last to start are short.
  failed += await inLanes(2, [lint, formatCheck, tscBuild, ...typechecks, ...otherBuilds]);
  if (failed === 0) {
    runs = await Promise.all([
      vitest(['--project', '!e2e'], 'test-results/vitest.json'),
      vitest(['--project', 'e2e', '--maxWorkers', '1'], 'test-results/vitest-e2e.json', '[e2e]'),
    ]);
  }
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
