#!/usr/bin/env node
// Thin launcher: the CLI lives in electron/cli and is bundled into dist/cli by `npm run build`.
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  // node:sqlite (the inventory) needs Node >= 22.12; say so instead of failing on the import.
  process.stderr.write(
    `virtdeck: needs Node >= 22.12 (this is ${process.versions.node}); in the repo, ` +
      '`export PATH="$(bash scripts/bootstrap-node.sh)"` fetches Node 24\n',
  );
  process.exit(1);
}
// V8 keeps the compiled code of the CLI between runs (in the OS temp directory): most of a start is saved.
module.enableCompileCache();
import('../dist/cli/virtdeck.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => {
    const missing = err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/virtdeck.js');
    process.stderr.write(`virtdeck: ${missing ? 'not built yet: run npm run build' : err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
