// Bundles the `virtdeck` CLI into dist/cli (bin/virtdeck.js runs it): one small entry with the command table,
// and a chunk per command's code and for the core, loaded only when a command needs them. Fewer, larger files
// start faster than hundreds of modules, and bin/virtdeck.js keeps V8's compiled code of them between runs.
// ssh2's JavaScript is bundled too (one chunk, loaded at the first connection, instead of ~30 files resolved and
// read one by one); its native parts (ssh2's crypto binding, cpu-features) stay where npm built them, required
// from node_modules by their package paths.
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { build } from 'rolldown';

/** A native addon (.node) as the package path Node resolves from dist/cli, e.g. `ssh2/lib/…/sshcrypto.node`. */
const nativeAddons = {
  name: 'native-addons',
  resolveId(source, importer) {
    if (!source.endsWith('.node') || !importer) return null;
    const file = resolve(dirname(importer), source);
    const at = file.lastIndexOf('/node_modules/');
    if (at < 0) throw new Error(`build-cli: native addon outside node_modules: ${file}`);
    return { id: file.slice(at + '/node_modules/'.length), external: true };
  },
};

/**
 * CommonJS files of packages that read __dirname/__filename (ssh2's Pageant path, its poly1305 WebAssembly loader)
 * get their own, as Node would give them: the file where npm put it, found from dist/cli at run time.
 */
const moduleDirs = {
  name: 'module-dirs',
  transform(code, id) {
    const at = id.lastIndexOf('/node_modules/');
    if (at < 0 || !/\b__(dirname|filename)\b/.test(code)) return null;
    const file = JSON.stringify(id.slice(at + '/node_modules/'.length));
    return `var __filename = require.resolve(${file}), __dirname = require('node:path').dirname(__filename);\n${code}`;
  },
};

const outDir = new URL('../dist/cli/', import.meta.url).pathname;
rmSync(outDir, { recursive: true, force: true });
await build({
  input: new URL('../electron/cli/main.ts', import.meta.url).pathname,
  platform: 'node',
  external: [/^node:/, ...builtinModules],
  plugins: [nativeAddons, moduleDirs],
  logLevel: 'warn',
  output: { dir: outDir, format: 'esm', entryFileNames: 'virtdeck.js', chunkFileNames: '[name]-[hash].js' },
});
