// Network interfaces: add on a libvirt network, remove, link up/down.
import type { HwChangeResult, NicModel } from '../../../../shared/model/hardware.js';
import type { InterfaceXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import type { IpamService } from '../../instances/ipam-service.js';
import { newMac, nicDeviceXml } from './devices.js';
import { applyScoped, bothWhereFound, type Scope } from './scope.js';
import { definitions, rereadLive, updateConfig, type HwTarget } from './target.js';

const macsOf = (t: HwTarget): Set<string> => new Set(definitions(t).flatMap((x) => x.interfaces.map((n) => (n.mac ?? '').toLowerCase())));

function findNic(t: HwTarget, mac: string): { live?: InterfaceXml; config?: InterfaceXml } {
  const pick = (x: typeof t.config | null) => x?.interfaces.find((n) => (n.mac ?? '').toLowerCase() === mac.toLowerCase());
  const found = { live: pick(t.live), config: pick(t.config) };
  if (!found.live && !found.config) throw new CoreError('vm.nic-not-found', { ...t.who, mac });
  return found;
}

export interface NewNic {
  network: string;
  model?: NicModel;
  mac?: string;
  /** 'auto' or an address of the network's IPAM range; default 'auto' on a network with IPAM. */
  ip?: string;
}

/** Adds a NIC; on a network with IPAM it holds an address for the VM (reserved before, freed if the attach fails). */
export async function addNic(t: HwTarget, scope: Scope, ipam: IpamService, nic: NewNic): Promise<HwChangeResult & { mac: string; ip: string | null }> {
  const taken = macsOf(t);
  if (nic.mac !== undefined && taken.has(nic.mac.toLowerCase())) throw new CoreError('vm.nic-mac-taken', { ...t.who, mac: nic.mac });
  const mac = nic.mac?.toLowerCase() ?? newMac(taken);
  const plan = nic.ip === undefined ? ipam.get(t.who.host, nic.network) : ipam.require(t.who.host, nic.network);
  const ip = plan ? await ipam.pick(plan, nic.ip ?? 'auto') : null;
  if (plan && ip) ipam.reserveForVm(plan, ip, { name: t.dom.name, uuid: t.dom.uuid });
  try {
    const xml = nicDeviceXml(nic.network, mac, nic.model ?? 'virtio');
    const done = await applyScoped(scope, t.who, (flags) => t.lv.domainAttachDevice(t.dom, xml, flags));
    // The domain remembers which address the NIC holds, so removing the NIC frees that one.
    if (ip && done.config) await updateConfig(t, (x) => x.virtdeck.set(ipKey(mac), ip));
    return { running: t.running, live: done.live ? ['nic'] : [], config: done.config ? ['nic'] : [], mac, ip };
  } catch (err) {
    if (ip) ipam.release(t.who.host, nic.network, ip);
    throw err;
  }
}

/** VirtDeck metadata key of the IPAM address a NIC holds. */
const ipKey = (mac: string): string => `nic-ip-${mac.toLowerCase().replace(/:/g, '')}`;

/** Removes a NIC; the IPAM address it held is freed. */
export async function removeNic(t: HwTarget, scope: Scope, ipam: IpamService, mac: string): Promise<HwChangeResult> {
  const nic = findNic(t, mac);
  const want: Scope = scope.auto ? bothWhereFound(nic.live !== undefined, nic.config !== undefined) : scope;
  const xml = (nic.live ?? nic.config)!.toXml();
  const done = await applyScoped(want, t.who, (flags) => t.lv.domainDetachDevice(t.dom, xml, flags));
  // A hot-unplugged NIC is gone once the guest answers the unplug request.
  const gone = !done.live || !(await rereadLive(t))?.interfaces.some((n) => (n.mac ?? '').toLowerCase() === mac.toLowerCase());
  const network = (nic.config ?? nic.live)?.sourceNetwork ?? null;
  const ip = t.config.virtdeck.get(ipKey(mac));
  if (network !== null && ip !== null && done.config) {
    ipam.release(t.who.host, network, ip);
    await updateConfig(t, (x) => x.virtdeck.set(ipKey(mac), null));
  }
  return { running: t.running, live: done.live && gone ? ['nic'] : [], config: done.config ? ['nic'] : [] };
}

export async function setNicLink(t: HwTarget, scope: Scope, mac: string, up: boolean): Promise<HwChangeResult> {
  const nic = findNic(t, mac);
  const el = (nic.config ?? nic.live)!;
  el.linkState = up ? 'up' : 'down';
  const xml = el.toXml();
  const done = await applyScoped(scope, t.who, (flags) => t.lv.domainUpdateDevice(t.dom, xml, flags));
  return { running: t.running, live: done.live ? ['nic-link'] : [], config: done.config ? ['nic-link'] : [] };
}
