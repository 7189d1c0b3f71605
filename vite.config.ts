import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer bundle: renderer/index.html → dist/renderer. Relative base so Electron can load it from file://.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // A desktop app loads its bundle from disk: one ~1 MB chunk (Mantine, xterm, zod) is fine; noVNC is split off.
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1600 },
  server: { host: '127.0.0.1', strictPort: false },
});
