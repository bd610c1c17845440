// Prints "N passed, N failed" from vitest's JSON report; exits non-zero when anything failed
// or nothing ran.
import fs from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`no test report at ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + countFilesFailedWithoutATest(report);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

// A file that failed to load (a syntax error, a throw at import) fails no test, yet is a failure.
// (numFailedTestSuites would not do: it counts every describe block around a failed test too.)
function countFilesFailedWithoutATest(r) {
  return (r.testResults ?? []).filter((s) => s.status === 'failed' && !s.assertionResults.some((a) => a.status === 'failed')).length;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
