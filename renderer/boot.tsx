// Mounts the UI over a backend (the real API client in main.tsx; a fake in the visual harness).
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@xterm/xterm/css/xterm.css';
// The bundled CJK face (the simplified-Chinese subset, regular weight: bold is synthesized), see theme.ts.
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { setBackend, type Backend } from './state/backend.js';
import { usePrompts } from './state/prompts-slice.js';

export function boot(backend: Backend, root: HTMLElement): void {
  setBackend(backend);
  backend.setPromptHandler((request) => usePrompts.getState().ask(request));
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
