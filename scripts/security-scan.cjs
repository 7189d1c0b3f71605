// `npm run security:scan`: Electronegativity over the Electron-facing sources (main, preload, bridge, the
// renderer's API door and page). Fails on any HIGH-severity finding or on a file it could not parse.
// Calls the library's runner directly: its CLI needs an old `commander` that npm no longer hoists.
const { cpSync, mkdtempSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const run = require('@doyensec/electronegativity');

const root = path.resolve(__dirname, '..');
const scanned = ['package.json', 'electron/main', 'electron/preload', 'electron/webapi', 'renderer/api', 'renderer/index.html'];

async function main() {
  const stage = mkdtempSync(path.join(tmpdir(), 'vd-scan-'));
  try {
    for (const rel of scanned) {
      if (existsSync(path.join(root, rel))) cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true });
    }
    const { globalChecks, atomicChecks, errors, issues } = await run(
      {
        input: stage,
        customScan: [],
        excludeFromScan: [],
        severitySet: 'informational',
        confidenceSet: 'tentative',
        isRelative: true,
        isVerbose: false,
        parserPlugins: [],
      },
      false,
    );
    for (const issue of issues) {
      console.log(
        `${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id.padEnd(40)} ` +
          `${issue.file}:${issue.location.line}:${issue.location.column}${issue.manualReview ? '  (review)' : ''}`,
      );
    }
    const hard = errors.filter((e) => !e.tolerable);
    for (const e of hard) console.error(`parse error: ${e.file}: ${e.message}`);
    const high = issues.filter((i) => i.severity.name === 'HIGH');
    console.log(
      `electronegativity: ${globalChecks + atomicChecks} checks, ${issues.length} findings, ${high.length} high, ` +
        `${hard.length} parse errors`,
    );
    // Exit now: the library keeps retrying an Electron release lookup that cannot succeed offline.
    process.exit(high.length > 0 || hard.length > 0 ? 1 : 0);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
