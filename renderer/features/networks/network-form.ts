// The network wizard's form state and the NetworkSpec it stands for.
import type { DhcpHost, NetworkMode, NetworkSpec } from '../../../shared/model/network.js';
import { blockOf } from './ipv4-text.js';

export interface NetworkForm {
  name: string;
  mode: NetworkMode;
  cidr: string;
  dhcp: boolean;
  /** Empty start and end: the whole subnet after the host address. */
  rangeStart: string;
  rangeEnd: string;
  hosts: DhcpHost[];
  bridge: string;
  forwardDev: string;
  start: boolean;
  autostart: boolean;
}

export function emptyNetworkForm(): NetworkForm {
  return { name: '', mode: 'nat', cidr: '', dhcp: true, rangeStart: '', rangeEnd: '', hosts: [], bridge: '', forwardDev: '', start: true, autostart: true };
}

export function networkSpecOf(f: NetworkForm): NetworkSpec {
  const base = { name: f.name.trim(), mode: f.mode, autostart: f.autostart };
  if (f.mode === 'bridge') return { ...base, ...(f.bridge.trim() ? { bridge: f.bridge.trim() } : {}) };
  const range = f.rangeStart.trim() && f.rangeEnd.trim() ? { start: f.rangeStart.trim(), end: f.rangeEnd.trim() } : undefined;
  return {
    ...base,
    ...(f.cidr.trim() ? { cidr: f.cidr.trim() } : {}),
    ...(f.dhcp ? (range ? { dhcpRange: range } : {}) : { dhcpRange: null }),
    ...(f.dhcp && f.hosts.length ? { dhcpHosts: f.hosts.map((h) => ({ mac: h.mac.trim(), ip: h.ip.trim(), ...(h.name?.trim() ? { name: h.name.trim() } : {}) })) } : {}),
    ...(f.bridge.trim() ? { bridge: f.bridge.trim() } : {}),
    ...((f.mode === 'nat' || f.mode === 'route') && f.forwardDev.trim() ? { forwardDev: f.forwardDev.trim() } : {}),
  };
}

/**
 * A /24 no existing network of the host touches, as the host address "192.168.N.1/24" (N from 100 up, then 10.N.0),
 * so the wizard opens with a subnet that passes the overlap check; null when all candidates are taken.
 */
export function suggestFreeSubnet(taken: readonly string[]): string | null {
  const used = taken.map(blockOf).filter((b): b is [number, number] => b !== null);
  const candidates = [...Array.from({ length: 155 }, (_, i) => `192.168.${100 + i}.1/24`), ...Array.from({ length: 255 }, (_, i) => `10.${i + 1}.0.1/24`)];
  return candidates.find((c) => {
    const [first, last] = blockOf(c) as [number, number];
    return !used.some(([a, b]) => a <= last && first <= b);
  }) ?? null;
}
