// Runs every Vitest project once, in one Vitest, and ends with the line CI reads: "N passed, N failed".
//
// Measured on clean clones of the same commit in the same hour, idle machine: the checks two at a time,
// then this one Vitest, 656 s and 1,205 CPU-s. Also tried: the browser tests (project e2e) in a Vitest of
// their own, one file at a time, beside the one for the rest, 677 s and 1,290 CPU-s; and the checks beside
// both as well, 673 s. Both fill the idle time the browser tests leave, but overload the machine, and the
// suites' polls, leases and server restarts then cost more CPU than that idle time was worth.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const report = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (run.status !== 0 && results.numFailedTests === 0 ? 1 : 0);
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);
