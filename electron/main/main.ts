// Electron entry: lifecycle, the window, and the wiring of core ↔ IPC. Logic lives in plain modules.
import { app, safeStorage, session } from 'electron';
import path from 'node:path';
import { createCore, RECONCILE_INTERVAL_MS } from '../core/core.js';
import type { CoreApi } from '../core/api.js';
import { defaultHome } from '../inventory/paths.js';
import { createPromptRelay } from '../webapi/prompt-relay.js';
import { CredentialStore, withStoredSecrets } from './credentials.js';
import { IPC } from './ipc-channels.js';
import { registerIpc, type IpcRouter } from './ipc-router.js';
import { installContentsGuards, installSessionGuards } from './security.js';
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
  core = await createCore({ home, prompts: relay.prompts, statsIntervalMs: 1000, reconcileIntervalMs: RECONCILE_INTERVAL_MS });
  installSessionGuards(session.defaultSession);
  serveAppScheme(rendererDir);
  router = registerIpc(core, devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {});

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
  const unsubscribe = core.onEvent((event) => {
    if (!win.isDestroyed()) win.webContents.send(IPC.event, event);
  });
  win.on('closed', () => {
    unsubscribe();
    relay.setHandler(null);
  });

  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadURL(APP_URL);
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
