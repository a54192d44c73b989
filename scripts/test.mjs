// Runs every Vitest project once and ends with the line CI reads: "N passed, N failed".
//
// With no arguments, the browser tests (project e2e) run in a Vitest of their own beside the one that runs
// every other project. A browser-test file mostly waits on the product and the browser (about 100 s of
// CPU in 145 s on both cores, two files at a time), so run first and alone, as one project is, they left
// a core idle for minutes; beside the other projects that wait fills with their work. Their output is
// printed line by line with an "[e2e]" prefix. With arguments, one Vitest runs with them.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });

/** Runs Vitest with `args`, writing its JSON report to `report`; resolves with its exit code. */
function vitest(args, report, prefix) {
  rmSync(report, { force: true });
  const child = spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    stdio: ['ignore', prefix ? 'pipe' : 'inherit', prefix ? 'pipe' : 'inherit'],
  });
  if (prefix) {
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

const args = process.argv.slice(2);
const runs = await Promise.all(
  args.length > 0
    ? [vitest(args, 'test-results/vitest.json')]
    : [
        vitest(['--project', '!e2e'], 'test-results/vitest.json'),
        vitest(['--project', 'e2e', '--maxWorkers', '1'], 'test-results/vitest-e2e.json', '[e2e]'),
      ],
);

let passed = 0;
let failed = 0;
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
process.exit(runs.every(({ code }) => code === 0) ? 0 : 1);
