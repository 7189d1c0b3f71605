// Electron entry: lifecycle, the window, and the wiring of core ↔ IPC. Logic lives in plain modules.
import { app, safeStorage, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createCore } from '../core/core.js';
import { APP_CORE_OPTIONS } from '../core/core-options.js';
import type { CoreApi } from '../core/api.js';
import { defaultHome } from '../inventory/paths.js';
import { createPromptRelay } from '../webapi/prompt-relay.js';
import { CredentialStore, withStoredSecrets } from './credentials.js';
import { IPC } from './ipc-channels.js';
import { registerIpc, type IpcRouter } from './ipc-router.js';
import { installContentsGuards, installSessionGuards } from './security.js';
import { allowConsoleWindows } from './console-window.js';
import { createMainWindow } from './window.js';
import { registerAppScheme, serveAppScheme } from './app-scheme.js';
import { APP_URL } from './trusted-origin.js';

// Built layout: out/main/main.js, out/preload/preload.cjs, dist/renderer/index.html (see electron.vite.config.ts).
const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preload = path.join(appRoot, 'out', 'preload', 'preload.cjs');
/** Development only: a renderer dev server (vite) instead of the built files. */
const devServerUrl = app.isPackaged ? undefined : process.env.VIRTDECK_DEV_SERVER_URL;

app.enableSandbox();
registerAppScheme();
installContentsGuards();

let core: CoreApi | null = null;
let router: IpcRouter | null = null;

async function start(): Promise<void> {
  const home = defaultHome();
  const relay = createPromptRelay();
  core = await createCore({ home, prompts: relay.prompts, ...APP_CORE_OPTIONS });
  installSessionGuards(session.defaultSession);
  serveAppScheme(rendererDir);
  const trusted = devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {};
  router = registerIpc(core, trusted);

  const win = createMainWindow({ preload, boundsFile: path.join(home, 'window-state.json') });
  const store = new CredentialStore(path.join(home, 'credentials.json'), {
    // Linux without a keyring falls back to a hard-coded key ("basic_text"): that is not at rest encryption.
    canStore: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  });
  relay.setHandler(withStoredSecrets(router.promptHandlerFor(win.webContents), store));
  const unsubscribe = sendEvents(core, win);
  win.on('closed', () => {
    unsubscribe();
    relay.setHandler(null);
  });
  // Detached consoles get the core's events too; their questions (host keys, passwords) go to the main window.
  allowConsoleWindows(win, {
    preload,
    trusted,
    onCreated: (child) => {
      const stop = sendEvents(core as CoreApi, child);
      child.on('closed', stop);
    },
  });

  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadURL(APP_URL);
}

/** Core events to a window's renderer while it lives; returns the unsubscribe function. */
function sendEvents(from: CoreApi, win: BrowserWindow): () => void {
  return from.onEvent((event) => {
    if (!win.isDestroyed()) win.webContents.send(IPC.event, event);
  });
}

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('will-quit', (e) => {
  if (quitting || !core) return;
  // Close SSH sessions and the inventory cleanly before the process goes.
  e.preventDefault();
  quitting = true;
  router?.dispose();
  void core.close().finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    console.error('VirtDeck failed to start:', err);
    app.exit(1);
  });
