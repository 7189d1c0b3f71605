// Boot order and boot menu: the persistent definition (libvirt changes neither on a running VM).
import type { BootDevice, HwChangeResult } from '../../../../shared/model/hardware.js';
import { CoreError } from '../../errors.js';
import { defineConfig, type HwTarget } from './target.js';

export async function setBoot(t: HwTarget, order: BootDevice[] | undefined, menu: boolean | undefined): Promise<HwChangeResult> {
  if (order === undefined && menu === undefined) throw new CoreError('vm.no-change', {});
  const x = t.config;
  if (order !== undefined) {
    // libvirt refuses <os><boot> next to per-device boot orders: the order given replaces them.
    for (const d of [...x.disks, ...x.interfaces]) d.bootOrder = null;
    x.bootDevices = order;
  }
  if (menu !== undefined) x.bootMenu = menu;
  await defineConfig(t);
  return { running: t.running, live: [], config: ['boot'] };
}
