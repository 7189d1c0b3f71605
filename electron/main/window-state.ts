// Remembers the main window's bounds between runs (window-state.json under the VirtDeck home).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800, maximized: false };

const int = (v: unknown): v is number => Number.isInteger(v);

export function loadBounds(file: string): WindowBounds {
  try {
    const b = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!int(b.width) || !int(b.height) || b.width < 400 || b.height < 300) return DEFAULT_BOUNDS;
    return {
      ...(int(b.x) && int(b.y) ? { x: b.x, y: b.y } : {}),
      width: b.width,
      height: b.height,
      maximized: b.maximized === true,
    };
  } catch {
    return DEFAULT_BOUNDS;
  }
}

export function saveBounds(file: string, bounds: WindowBounds): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(bounds));
}
