// report-counts.mjs REPORT: the counts of a vitest or Playwright JSON report for test/run-all.sh.
// First line "passed failed skipped"; then one line per failed test (file › name), so that the summary at the
// end of a long run says what failed without scrolling back through thousands of lines.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failed = [];
let counts;
if (report.stats) {
  // Playwright: suites nest (file, describe); a spec is failed when one of its tests is unexpected
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      if (spec.tests.some((t) => t.status === 'unexpected')) failed.push(`${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}`);
    }
    for (const child of suite.suites ?? []) walk(child, child.file === child.title ? path : [...path, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  const s = report.stats;
  counts = [s.expected + s.flaky, s.unexpected, s.skipped];
} else {
  // vitest: a file that failed without a failed test (it did not load, a hook threw) is one failure
  let unloaded = 0;
  for (const file of report.testResults ?? []) {
    const rel = file.name.replace(`${process.cwd()}/`, '');
    const bad = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of bad) failed.push(`${rel} › ${a.fullName}`);
    if (file.status === 'failed' && bad.length === 0) {
      unloaded++;
      failed.push(`${rel}: ${(file.message ?? 'failed without a failed test').split('\n')[0]}`);
    }
  }
  counts = [report.numPassedTests, report.numFailedTests + unloaded, report.numPendingTests + report.numTodoTests];
}
console.log(counts.join(' '));
for (const line of failed) console.log(line);
