// Reads one domain into a VmSnapshot: info, XML (disks, NICs, VirtDeck's facts), autostart, persistence, IPs.
import { createHash } from 'node:crypto';
import type { DiskInfo, NicInfo } from '../../../shared/model/vm.js';
import type { VmFacts } from '../../../shared/model/vm-facts.js';
import type { VmSnapshot } from '../../inventory/types.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import { InterfaceAddressSource, ListDomainsFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { foundOrNull } from '../libvirt-errors.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { readFacts } from '../../libvirt/xml/domain-facts.js';

/** The virtio-serial channel name the QEMU guest agent listens on. */
export const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

export function disksOf(xml: DomainXml): DiskInfo[] {
  return xml.disks.map((d) => ({
    target: d.targetDev ?? '',
    device: d.device ?? 'disk',
    source: d.sourceFile ?? d.sourceDev ?? (d.sourcePool && d.sourceVolume ? `${d.sourcePool}/${d.sourceVolume}` : null) ??
      (d.sourceProtocol ? `${d.sourceProtocol}:${d.sourceName ?? ''}` : null),
    format: d.driverType,
    bus: d.targetBus,
  }));
}

export function nicsOf(xml: DomainXml): NicInfo[] {
  return xml.interfaces.map((n) => ({
    mac: (n.mac ?? '').toLowerCase(),
    type: n.type ?? 'unknown',
    source: n.sourceNetwork ?? n.sourceBridge ?? n.sourceDev ?? null,
    model: n.model,
    ips: [],
  }));
}

/** True when the live XML says the guest agent is connected (so an agent query answers, not hangs). */
function agentConnected(xml: DomainXml): boolean {
  return xml.channels.some((c) => c.targetName === AGENT_CHANNEL && c.targetState === 'connected');
}

/** Attaches addresses to NICs by MAC (asking the guest agent too when it is connected); returns all (CIDR form). */
async function readIps(lv: LibvirtApi, dom: DomainRef, agent: boolean, nics: NicInfo[]): Promise<string[]> {
  const sources: number[] = [InterfaceAddressSource.LEASE];
  if (agent) sources.unshift(InterfaceAddressSource.AGENT);
  const all = new Set<string>();
  for (const source of sources) {
    const ifaces = await lv.domainInterfaceAddresses(dom, source).catch(() => []);
    for (const iface of ifaces) {
      const nic = nics.find((n) => n.mac === (iface.hwaddr ?? '').toLowerCase());
      for (const a of iface.addrs) {
        if (a.addr.startsWith('127.') || a.addr === '::1' || a.addr.startsWith('fe80:')) continue;
        const cidr = `${a.addr}/${a.prefix}`;
        if (nic && !nic.ips.includes(cidr)) nic.ips.push(cidr);
        if (nic) all.add(cidr);
      }
    }
    if (all.size > 0) break;
  }
  return [...all];
}

/** What the last read of a VM kept: the digest of its XML and the disks, NICs and facts read from it. */
export interface KnownXml {
  digest: string;
  disks: DiskInfo[];
  nics: NicInfo[];
  facts: VmFacts;
}

export function xmlDigest(xml: string): string {
  return createHash('sha256').update(xml).digest('base64url');
}

/** Autostart and persistence of a domain as a host-wide listing gave them (two bulk calls instead of two per domain). */
export interface ListedFlags {
  autostart: boolean;
  persistent: boolean;
}

/**
 * Disks, NICs and (for a running VM) whether the guest agent is connected; `known` stands in for XML that did not
 * change. The same XML gives the same disks and NICs, so only changed XML is parsed (most of a listing's work).
 * Without the agent's channel name anywhere in the text the agent cannot be connected; with it, a running VM's XML
 * is parsed for the channel's state.
 */
function devicesOf(
  xmlText: string,
  digest: string,
  running: boolean,
  known: KnownXml | undefined,
): { disks: DiskInfo[]; nics: NicInfo[]; facts: VmFacts; agent: boolean } {
  if (known?.digest === digest && !(running && xmlText.includes(AGENT_CHANNEL))) {
    return { disks: known.disks, nics: known.nics.map((n) => ({ ...n, ips: [] })), facts: known.facts, agent: false };
  }
  const xml = DomainXml.parse(xmlText);
  return { disks: disksOf(xml), nics: nicsOf(xml), facts: readFacts(xml), agent: agentConnected(xml) };
}

export async function readSnapshot(lv: LibvirtApi, dom: DomainRef, known?: KnownXml, listed?: ListedFlags): Promise<VmSnapshot> {
  const [info, xmlText, autostart, persistent] = await Promise.all([
    lv.domainGetInfo(dom),
    lv.domainGetXmlDesc(dom),
    listed ? listed.autostart : lv.domainGetAutostart(dom),
    listed ? listed.persistent : lv.domainIsPersistent(dom),
  ]);
  const digest = xmlDigest(xmlText);
  const running = info.state === 'running';
  const { disks, nics, facts, agent } = devicesOf(xmlText, digest, running, known);
  const ips = running ? await readIps(lv, dom, agent, nics) : [];
  return {
    name: dom.name,
    uuid: dom.uuid,
    state: info.state,
    vcpus: info.nrVirtCpu,
    memoryMiB: Math.round(info.maxMemKiB / 1024),
    autostart,
    persistent,
    disks,
    nics,
    ips,
    ...facts,
    xmlDigest: digest,
  };
}

/**
 * Every domain of the host, read (a domain gone meanwhile is left out). Autostart and persistence come from two
 * filtered listings rather than two calls per domain.
 */
export async function readHostSnapshots(lv: LibvirtApi, known: ReadonlyMap<string, KnownXml>): Promise<VmSnapshot[]> {
  const [doms, autostarted, transient] = await Promise.all([
    lv.listAllDomains(),
    lv.listAllDomains(ListDomainsFlags.AUTOSTART),
    lv.listAllDomains(ListDomainsFlags.TRANSIENT),
  ]);
  const uuids = (list: DomainRef[]) => new Set(list.map((d) => d.uuid));
  const [auto, temp] = [uuids(autostarted), uuids(transient)];
  const read = await Promise.all(
    doms.map((d) => foundOrNull(readSnapshot(lv, d, known.get(d.uuid), { autostart: auto.has(d.uuid), persistent: !temp.has(d.uuid) }), VirErrorCode.NO_DOMAIN)),
  );
  return read.filter((s): s is VmSnapshot => s !== null);
}
