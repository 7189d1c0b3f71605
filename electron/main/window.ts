// The one application window: locked-down web preferences, bounds remembered across runs.
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { loadBounds, saveBounds, type WindowBounds } from './window-state.js';

export interface MainWindowOptions {
  preload: string;
  boundsFile: string;
}

function visible(b: WindowBounds): boolean {
  if (b.x === undefined || b.y === undefined) return true;
  const area = screen.getDisplayMatching({ x: b.x, y: b.y, width: b.width, height: b.height }).workArea;
  return b.x < area.x + area.width && b.y < area.y + area.height && b.x + b.width > area.x && b.y + b.height > area.y;
}

/** The app's locked-down web preferences (the main window's and a detached console's). */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Middle-click must not open links in new windows.
    disableBlinkFeatures: 'Auxclick',
  };
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const saved = loadBounds(opts.boundsFile);
  const bounds = visible(saved) ? saved : { width: saved.width, height: saved.height, maximized: saved.maximized };
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'VirtDeck',
    // The security scan (electronegativity) reads the settings where a window is made: the three it checks are
    // stated here too (the same values as secureWebPreferences, which detached console windows get).
    webPreferences: { ...secureWebPreferences(opts.preload), contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick' },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveBounds(opts.boundsFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  return win;
}
