#!/usr/bin/env node
// Thin launcher: the CLI lives in electron/cli and is compiled to dist/ by `npm run build`.
import('../dist/electron/cli/main.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`virtdeck: ${err instanceof Error ? err.message : String(err)}\n`); process.exitCode = 1; },
);
