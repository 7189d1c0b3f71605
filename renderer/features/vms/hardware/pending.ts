// What differs between a running VM's live definition and its config: the Hardware tab's "after restart" badges.
import type { HardwareView } from '../../../../shared/model/hardware.js';

/** Where a device is: in both definitions, only in the config (comes at the next boot), only live (goes then). */
export type Presence = 'both' | 'next-boot' | 'until-restart';

export interface Row<T> {
  item: T;
  presence: Presence;
}

/** Devices of both definitions by key; a shut-off VM's are all 'both' (its config is all there is). */
export function rowsOf<T>(view: HardwareView, pick: (s: HardwareView['config']) => T[], key: (t: T) => string): Row<T>[] {
  const config = pick(view.config);
  if (!view.live) return config.map((item) => ({ item, presence: 'both' }));
  const liveItems = pick(view.live);
  const liveKeys = new Set(liveItems.map(key));
  const configKeys = new Set(config.map(key));
  return [
    ...config.map((item): Row<T> => ({ item, presence: liveKeys.has(key(item)) ? 'both' : 'next-boot' })),
    ...liveItems.filter((i) => !configKeys.has(key(i))).map((item): Row<T> => ({ item, presence: 'until-restart' })),
  ];
}

/** The live value of a field when it differs from the config (null: nothing waits for a restart). */
export function liveDiffers<V>(view: HardwareView, pick: (s: HardwareView['config']) => V): V | null {
  if (!view.live) return null;
  const live = pick(view.live);
  return JSON.stringify(live) === JSON.stringify(pick(view.config)) ? null : live;
}
