import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Inventory } from '../../../electron/inventory/index.js';

/** A fresh temp directory per test, removed afterwards with every inventory opened through `open`. */
export function useTempInventories(): { dir: () => string; open: (file?: string) => Inventory } {
  let dir: string | null = null;
  const opened: Inventory[] = [];
  afterEach(() => {
    for (const inv of opened.splice(0)) inv.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  const getDir = () => (dir ??= mkdtempSync(join(tmpdir(), 'virtdeck-inv-')));
  return {
    dir: getDir,
    open: (file = join(getDir(), 'inventory.sqlite')) => {
      const inv = Inventory.open(file);
      opened.push(inv);
      return inv;
    },
  };
}
