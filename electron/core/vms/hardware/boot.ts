// Boot: the order of device kinds (<os><boot dev=…/>) or of single devices (<boot order=N/> on disks and NICs),
// and the boot menu. The persistent definition only (libvirt changes neither on a running VM).
import type { BootDevice, HwChangeResult } from '../../../../shared/model/hardware.js';
import type { DomainXml } from '../../../libvirt/xml/domain.js';
import type { DiskXml, InterfaceXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import { defineConfig, type HwTarget } from './target.js';

/** A device that can carry a boot order: a disk or CD-ROM by its target, a NIC by its MAC. */
interface Bootable {
  id: string;
  el: DiskXml | InterfaceXml;
}

const bootablesOf = (x: DomainXml): Bootable[] => [
  ...x.disks.map((d) => ({ id: d.targetDev ?? '', el: d })),
  ...x.interfaces.map((n) => ({ id: (n.mac ?? '').toLowerCase(), el: n })),
];

/** The devices that have a boot order, first to boot first. */
export function bootOrderOf(x: DomainXml): Bootable[] {
  return bootablesOf(x)
    .filter((b) => b.el.bootOrder !== null)
    .sort((a, b) => (a.el.bootOrder as number) - (b.el.bootOrder as number));
}

export interface BootChange {
  /** Device kinds in order (replaces any per-device order). */
  order?: BootDevice[];
  /** Disk targets and NIC MACs in order (replaces <os><boot>; the devices not named lose their order). */
  deviceOrder?: string[];
  menu?: boolean;
}

/** Edits the model: libvirt refuses <os><boot> next to per-device orders, so either replaces the other. */
export function applyBoot(x: DomainXml, c: BootChange, who: { host: string; vm: string }): void {
  if (c.order === undefined && c.deviceOrder === undefined && c.menu === undefined) throw new CoreError('vm.no-change', {});
  const all = bootablesOf(x);
  if (c.deviceOrder !== undefined) {
    const wanted = c.deviceOrder.map((id) => {
      const found = all.find((b) => b.id === id.toLowerCase());
      if (!found) throw new CoreError('vm.boot-device-not-found', { ...who, device: id });
      return found;
    });
    for (const b of all) b.el.bootOrder = null;
    wanted.forEach((b, i) => (b.el.bootOrder = i + 1));
    x.bootDevices = [];
  }
  if (c.order !== undefined) {
    for (const b of all) b.el.bootOrder = null;
    x.bootDevices = c.order;
  }
  if (c.menu !== undefined) x.bootMenu = c.menu;
}

export async function setBoot(t: HwTarget, c: BootChange): Promise<HwChangeResult> {
  applyBoot(t.config, c, t.who);
  await defineConfig(t);
  return { running: t.running, live: [], config: ['boot'] };
}

/**
 * After an install: the first disk (device='disk') boots first. A per-device order gets that disk at its head; an
 * order of kinds gets hd at its head (the others keep their order).
 */
export function bootFromDisk(x: DomainXml, who: { host: string; vm: string }): void {
  const order = bootOrderOf(x);
  const disks = x.disks.filter((d) => d.device === 'disk');
  const disk = disks.find((d) => d.bootOrder !== null) ?? disks[0];
  if (!disk?.targetDev) throw new CoreError('vm.no-boot-disk', who);
  if (order.length > 0) {
    applyBoot(x, { deviceOrder: [disk.targetDev, ...order.map((b) => b.id).filter((id) => id !== disk.targetDev)] }, who);
  } else {
    x.bootDevices = ['hd', ...x.bootDevices.filter((d) => d !== 'hd')];
  }
}
