#!/usr/bin/env node
// Thin launcher: the CLI lives in electron/cli and is compiled to dist/ by `npm run build`.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  // node:sqlite (the inventory) needs Node >= 22.12; say so instead of failing on the import.
  process.stderr.write(
    `virtdeck: needs Node >= 22.12 (this is ${process.versions.node}); in the repo, ` +
      '`export PATH="$(bash scripts/bootstrap-node.sh)"` fetches Node 24\n',
  );
  process.exit(1);
}
import('../dist/electron/cli/main.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`virtdeck: ${err instanceof Error ? err.message : String(err)}\n`); process.exitCode = 1; },
);
