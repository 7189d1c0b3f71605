// Detached consoles: the main window's page may open the app's own page for one console (console-window-url.ts) as
// a window of its own, with the main window's locked-down web preferences and preload; the caller wires core events
// to it like to the main window. Any other window.open stays denied (security.ts).
import type { BrowserWindow } from 'electron';
import { isConsoleWindowUrl } from './console-window-url.js';
import type { TrustedLocations } from './trusted-origin.js';
import { secureWebPreferences } from './window.js';

export function allowConsoleWindows(win: BrowserWindow, opts: { preload: string; trusted: TrustedLocations; onCreated: (child: BrowserWindow) => void }): void {
  win.webContents.setWindowOpenHandler(({ url }) =>
    isConsoleWindowUrl(url, opts.trusted)
      ? {
          action: 'allow',
          overrideBrowserWindowOptions: {
            width: 1100,
            height: 780,
            minWidth: 480,
            minHeight: 320,
            autoHideMenuBar: true,
            title: 'VirtDeck',
            webPreferences: secureWebPreferences(opts.preload),
          },
        }
      : { action: 'deny' },
  );
  win.webContents.on('did-create-window', (child) => opts.onCreated(child));
}
