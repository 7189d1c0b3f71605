// Where VirtDeck keeps its files.
import { homedir } from 'node:os';
import path from 'node:path';

export interface HomeContext {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The user's home directory. */
  home?: string;
}

/** $VIRTDECK_HOME, else the OS's per-user app-data directory. Parameters exist for tests. */
export function defaultHome(ctx: HomeContext = {}): string {
  const env = ctx.env ?? process.env;
  const platform = ctx.platform ?? process.platform;
  const home = ctx.home ?? homedir();
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (env.VIRTDECK_HOME) return p.resolve(env.VIRTDECK_HOME);
  switch (platform) {
    case 'win32':
      return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), 'VirtDeck');
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', 'VirtDeck');
    default: {
      // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
      const xdg = env.XDG_CONFIG_HOME;
      return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config'), 'virtdeck');
    }
  }
}

export function inventoryPath(home: string): string {
  return path.join(home, 'inventory.sqlite');
}

/** Metrics history (its own file: many small writes, none of them precious). */
export function metricsPath(home: string): string {
  return path.join(home, 'metrics.sqlite');
}

/** Alert rules, targets and history (its own file: written by the app and by `virtdeck watch`, rarely). */
export function alertsPath(home: string): string {
  return path.join(home, 'alerts.sqlite');
}

/** The audit log (its own file: appended by every process of this home, synced on every entry). */
export function auditPath(home: string): string {
  return path.join(home, 'audit.sqlite');
}
