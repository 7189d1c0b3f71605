// Bundles the `virtdeck` CLI into dist/cli (bin/virtdeck.js runs it): one small entry with the command table,
// and a chunk per command's code and for the core, loaded only when a command needs them. Fewer, larger files
// start faster than hundreds of modules, and bin/virtdeck.js keeps V8's compiled code of them between runs.
// ssh2 stays a package of its own (CommonJS with an optional native part).
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'rolldown';

const outDir = new URL('../dist/cli/', import.meta.url).pathname;
rmSync(outDir, { recursive: true, force: true });
await build({
  input: new URL('../electron/cli/main.ts', import.meta.url).pathname,
  platform: 'node',
  external: [/^node:/, ...builtinModules, 'ssh2'],
  logLevel: 'warn',
  output: { dir: outDir, format: 'esm', entryFileNames: 'virtdeck.js', chunkFileNames: '[name]-[hash].js' },
});
