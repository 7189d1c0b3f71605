// Network interfaces: add on a libvirt network or a host bridge, remove, move to another network, link up/down.
import type { HwChangeResult, NicModel } from '../../../../shared/model/hardware.js';
import type { InterfaceXml } from '../../../libvirt/xml/domain-devices.js';
import { CoreError } from '../../errors.js';
import type { IpamService } from '../../instances/ipam-service.js';
import { newMac, nicDeviceXml, setNicSource, type NicSource } from './devices.js';
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
  /** One of network and bridge. */
  network?: string;
  bridge?: string;
  model?: NicModel;
  mac?: string;
  /** 'auto' or an address of the network's IPAM range; default 'auto' on a network with IPAM. */
  ip?: string;
}

export function sourceOf(nic: { network?: string; bridge?: string }): NicSource {
  if (nic.network !== undefined && nic.bridge === undefined) return { network: nic.network };
  if (nic.bridge !== undefined && nic.network === undefined) return { bridge: nic.bridge };
  throw new CoreError('vm.nic-source', {});
}

/** An address held for the VM on a network with IPAM ('auto' unless `ip`); null on a network without IPAM or a bridge. */
async function holdAddress(t: HwTarget, ipam: IpamService, source: NicSource, ip: string | undefined): Promise<string | null> {
  if (!('network' in source)) {
    if (ip !== undefined) throw new CoreError('vm.nic-source', {});
    return null;
  }
  const plan = ip === undefined ? ipam.get(t.who.host, source.network) : ipam.require(t.who.host, source.network);
  return plan ? ipam.claimAddress(plan, ip ?? 'auto', { vmName: t.dom.name, vmUuid: t.dom.uuid, taskId: null, note: null }) : null;
}

/** Adds a NIC; on a network with IPAM it holds an address for the VM (reserved before, freed if the attach fails). */
export async function addNic(t: HwTarget, scope: Scope, ipam: IpamService, nic: NewNic): Promise<HwChangeResult & { mac: string; ip: string | null }> {
  const source = sourceOf(nic);
  const taken = macsOf(t);
  if (nic.mac !== undefined && taken.has(nic.mac.toLowerCase())) throw new CoreError('vm.nic-mac-taken', { ...t.who, mac: nic.mac });
  const mac = nic.mac?.toLowerCase() ?? newMac(taken);
  const ip = await holdAddress(t, ipam, source, nic.ip);
  try {
    const xml = nicDeviceXml(source, mac, nic.model ?? 'virtio');
    const done = await applyScoped(scope, t.who, (flags) => t.lv.domainAttachDevice(t.dom, xml, flags));
    // The domain remembers which address the NIC holds, so removing the NIC frees that one.
    if (ip && done.config) await updateConfig(t, (x) => x.virtdeck.set(ipKey(mac), ip));
    return { running: t.running, live: done.live ? ['nic'] : [], config: done.config ? ['nic'] : [], mac, ip };
  } catch (err) {
    if (ip && 'network' in source) await ipam.release(t.who.host, source.network, ip);
    throw err;
  }
}

/**
 * Plugs a NIC into another network or bridge (live where libvirt can reconnect it). When its definition changes, the
 * IPAM address it held is freed and, on a network with IPAM, a new one is held (freed again if libvirt refuses).
 */
export async function moveNic(t: HwTarget, scope: Scope, ipam: IpamService, mac: string, to: NicSource): Promise<HwChangeResult & { ip: string | null }> {
  const nic = findNic(t, mac);
  const el = (nic.config ?? nic.live)!;
  const oldNetwork = el.type === 'network' ? el.sourceNetwork : null;
  const same = 'network' in to ? oldNetwork === to.network : el.type === 'bridge' && el.sourceBridge === to.bridge;
  if (same) throw new CoreError('vm.no-change', {});
  const oldIp = t.config.virtdeck.get(ipKey(mac));
  // Auto: each definition that has the NIC (one hot-plugged with --live only is not in the config).
  const want: Scope = scope.auto ? bothWhereFound(nic.live !== undefined, nic.config !== undefined) : scope;
  const ip = want.config ? await holdAddress(t, ipam, to, undefined) : null;
  setNicSource(el, to);
  const xml = el.toXml();
  let done: { live: boolean; config: boolean };
  try {
    done = await applyScoped(want, t.who, (flags) => t.lv.domainUpdateDevice(t.dom, xml, flags));
  } catch (err) {
    if (ip && 'network' in to) await ipam.release(t.who.host, to.network, ip);
    throw err;
  }
  if (done.config && (oldIp !== null || ip !== null)) {
    if (oldIp !== null && oldNetwork !== null) await ipam.release(t.who.host, oldNetwork, oldIp);
    await updateConfig(t, (x) => x.virtdeck.set(ipKey(mac), ip));
  }
  return { running: t.running, live: done.live ? ['nic-source'] : [], config: done.config ? ['nic-source'] : [], ip };
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
    await ipam.release(t.who.host, network, ip);
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
