// Electron bundles: main (ESM, node_modules left external) and the sandboxed preload (one CommonJS file with
// everything inlined, since a sandboxed preload can require nothing but 'electron'). The renderer is built by
// vite.config.ts into dist/renderer; main loads it from there.
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: 'electron/main/main.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: 'electron/preload/preload.ts' },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
});
