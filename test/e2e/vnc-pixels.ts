// What noVNC has drawn: a VNC console shows something once its canvas holds more than one colour.
import type { Locator, Page } from '@playwright/test';

/** Pixels of the noVNC canvas under `scope` that differ from its first pixel (0 = a blank screen). */
export async function drawnPixels(scope: Page | Locator): Promise<number> {
  return scope.getByTestId('vnc-screen').locator('canvas').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    if (c.width === 0 || c.height === 0) return 0;
    const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let differing = 0;
    for (let i = 4; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) differing++;
    }
    return differing;
  });
}
