// The files the user picked in the main process's own dialogs, per window: the only local paths that window's calls
// may name (shared/ipc/local-files.ts). A path picked to open is not thereby one to write, and the other way round.
import type { LocalFileRef, LocalFileUse } from '../../shared/ipc/local-files.js';

export class PickedFiles {
  // Keyed by the window's WebContents: the picks go with the window.
  private readonly byWindow = new WeakMap<object, Map<string, Set<LocalFileUse>>>();

  grant(window: object, path: string, use: LocalFileUse): void {
    let paths = this.byWindow.get(window);
    if (!paths) this.byWindow.set(window, (paths = new Map()));
    const uses = paths.get(path) ?? new Set<LocalFileUse>();
    paths.set(path, uses.add(use));
  }

  allows(window: object, file: LocalFileRef): boolean {
    return this.byWindow.get(window)?.get(file.path)?.has(file.use) ?? false;
  }
}
