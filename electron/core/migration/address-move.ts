// What happens to the addresses IPAM holds for a migrating VM. The rule: an address is kept only where the target
// network is the same L2 segment as the source's — both sides are a LAN reached through a host bridge of the same
// name (an IPAM'd host bridge, or a libvirt network in bridge forward mode onto it) and the target's IPAM for that
// network has the same subnet. NAT, routed and isolated libvirt networks are each host's own segment: even with the
// same name and subnet the guest would sit behind another host's router, so a new address is needed (--ip, "auto"
// or a CIDR, picked from the target's IPAM). Kept addresses move their reservation to the target; a new one is
// reserved there and the old one freed — both only after the move (the checks change nothing).
import type { IpamConfig } from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import { NetworkXml } from '../../libvirt/xml/network.js';
import { CoreError } from '../errors.js';
import type { IpamService } from '../instances/ipam-service.js';
import { foundOrNull } from '../libvirt-errors.js';

/** One side of a network as the rule sees it. */
export interface Segment {
  kind: 'network' | 'bridge';
  /** A libvirt network's forward mode (null: isolated); null for a host bridge. */
  forwardMode: string | null;
  /** The host bridge: the bridge itself, or the one a libvirt network uses. */
  bridge: string | null;
  cidr: string;
}

/** Whether two networks are the same L2 segment (see the rule above); a target without IPAM there is not. */
export function sameSegment(src: Segment, dst: Segment | null): boolean {
  if (!dst || dst.cidr !== src.cidr) return false;
  const lan = (s: Segment): string | null => (s.kind === 'bridge' || s.forwardMode === 'bridge' ? s.bridge : null);
  const a = lan(src);
  return a !== null && a === lan(dst);
}

export interface AddressMove {
  from: { network: string; ip: string };
  to: { network: string; ip: string };
  kept: boolean;
}

/** The segment facts of an IPAM'd network on one host. */
async function segment(lv: LibvirtApi, cfg: IpamConfig): Promise<Segment> {
  if (cfg.kind === 'bridge') return { kind: 'bridge', forwardMode: null, bridge: cfg.network, cidr: cfg.cidr };
  const net = await foundOrNull(lv.networkLookupByName(cfg.network), VirErrorCode.NO_NETWORK);
  const xml = net ? NetworkXml.parse(await lv.networkGetXmlDesc(net, 0)) : null;
  return { kind: 'network', forwardMode: xml?.forwardMode ?? null, bridge: xml?.bridgeName ?? null, cidr: cfg.cidr };
}

export interface AddressPlanInput {
  from: string;
  dest: string;
  vmUuid: string;
  networkMap: Readonly<Record<string, string>>;
  /** The caller's answer for an address that cannot stay: "auto" or an address/CIDR on the target's network. */
  ip: string | undefined;
}

/** Decides each held address's fate; refuses (changing nothing) when a new one is needed and not given. */
export async function planAddresses(inventory: Inventory, ipam: IpamService, src: LibvirtApi, dst: LibvirtApi, input: AddressPlanInput): Promise<AddressMove[]> {
  const store = inventory.instances;
  const held = store.reservations().filter((r) => r.host === input.from && r.vmUuid === input.vmUuid);
  const moves: AddressMove[] = [];
  for (const r of held) {
    const srcCfg = store.getIpam(input.from, r.network);
    if (!srcCfg) continue;
    const network = srcCfg.kind === 'network' ? (input.networkMap[r.network] ?? r.network) : r.network;
    const dstCfg = store.getIpam(input.dest, network);
    const keep = sameSegment(await segment(src, srcCfg), dstCfg && (await segment(dst, dstCfg)));
    if (keep) {
      const other = store.reservations(input.dest, network).find((x) => x.ip === r.ip && x.vmUuid !== input.vmUuid);
      if (other) throw new CoreError('ipam.taken', { host: input.dest, network, ip: r.ip });
      moves.push({ from: { network: r.network, ip: r.ip }, to: { network, ip: r.ip }, kept: true });
      continue;
    }
    if (input.ip === undefined) throw new CoreError('migrate.ip-needed', { host: input.dest, network, ip: r.ip });
    if (!dstCfg) throw new CoreError('ipam.not-configured', { host: input.dest, network });
    moves.push({ from: { network: r.network, ip: r.ip }, to: { network, ip: await ipam.pick(dstCfg, input.ip) }, kept: false });
  }
  return moves;
}

/** After the move: kept reservations go to the target, new ones are held there and the old ones freed. */
export async function applyAddresses(inventory: Inventory, ipam: IpamService, from: string, dest: string, vm: { name: string; uuid: string }, moves: readonly AddressMove[]): Promise<void> {
  const store = inventory.instances;
  for (const m of moves) {
    if (m.kept) {
      await ipam.moveReservation(from, m.from.network, m.from.ip, dest, m.to.network);
      continue;
    }
    await ipam.release(from, m.from.network, m.from.ip);
    const cfg = store.getIpam(dest, m.to.network);
    if (cfg) await ipam.reserveForVm(cfg, m.to.ip, vm);
  }
}
