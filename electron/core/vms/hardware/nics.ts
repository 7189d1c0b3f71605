// Network interfaces: add on a libvirt network, remove, link up/down.
import type { HwChangeResult, NicModel } from '../../../../shared/model/hardware.js';
import type { InterfaceXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import { newMac, nicDeviceXml } from './devices.js';
import { applyScoped, type Scope } from './scope.js';
import { definitions, rereadLive, type HwTarget } from './target.js';

const macsOf = (t: HwTarget): Set<string> => new Set(definitions(t).flatMap((x) => x.interfaces.map((n) => (n.mac ?? '').toLowerCase())));

function findNic(t: HwTarget, mac: string): { live?: InterfaceXml; config?: InterfaceXml } {
  const pick = (x: typeof t.config | null) => x?.interfaces.find((n) => (n.mac ?? '').toLowerCase() === mac.toLowerCase());
  const found = { live: pick(t.live), config: pick(t.config) };
  if (!found.live && !found.config) throw new CoreError('vm.nic-not-found', { ...t.who, mac });
  return found;
}

export async function addNic(t: HwTarget, scope: Scope, network: string, model: NicModel | undefined, mac: string | undefined): Promise<HwChangeResult & { mac: string }> {
  const taken = macsOf(t);
  if (mac !== undefined && taken.has(mac.toLowerCase())) throw new CoreError('vm.nic-mac-taken', { ...t.who, mac });
  const address = mac?.toLowerCase() ?? newMac(taken);
  const xml = nicDeviceXml(network, address, model ?? 'virtio');
  const done = await applyScoped(scope, t.who, (flags) => t.lv.domainAttachDevice(t.dom, xml, flags));
  return { running: t.running, live: done.live ? ['nic'] : [], config: done.config ? ['nic'] : [], mac: address };
}

export async function removeNic(t: HwTarget, scope: Scope, mac: string): Promise<HwChangeResult> {
  const nic = findNic(t, mac);
  const want: Scope = scope.auto ? { live: nic.live !== undefined, config: nic.config !== undefined, auto: false } : scope;
  const xml = (nic.live ?? nic.config)!.toXml();
  const done = await applyScoped(want, t.who, (flags) => t.lv.domainDetachDevice(t.dom, xml, flags));
  // A hot-unplugged NIC is gone once the guest answers the unplug request.
  const gone = !done.live || !(await rereadLive(t))?.interfaces.some((n) => (n.mac ?? '').toLowerCase() === mac.toLowerCase());
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
