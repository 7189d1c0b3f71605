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

/** An input of the network wizard (the DHCP range's two fields are one input, as are the static hosts). */
export type NetworkInput = 'name' | 'mode' | 'cidr' | 'range' | 'hosts' | 'bridge' | 'forwardDev';

/** The wizard step of each input. */
export const NETWORK_INPUT_STEP: Readonly<Record<NetworkInput, number>> = {
  name: 0, mode: 0, cidr: 1, range: 1, hosts: 1, bridge: 1, forwardDev: 1,
};

/** The input a form key edits (none for the start and autostart switches). */
export const NETWORK_FORM_INPUT: Readonly<Partial<Record<keyof NetworkForm, NetworkInput>>> = {
  name: 'name', mode: 'mode', cidr: 'cidr', dhcp: 'range', rangeStart: 'range', rangeEnd: 'range', hosts: 'hosts',
  bridge: 'bridge', forwardDev: 'forwardDev',
};

/** The input a spec field ("dhcpRange", "dhcpHosts.0.ip", …) is shown on; null for none. */
export function networkInputOf(field: string): NetworkInput | null {
  const head = field.split('.')[0] ?? '';
  if (head === 'dhcpRange') return 'range';
  if (head === 'dhcpHosts') return 'hosts';
  return head in NETWORK_INPUT_STEP ? (head as NetworkInput) : null;
}
