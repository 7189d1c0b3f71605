// Virtual networks as every room sees them: what the network wizard asks for and what the list shows.

/**
 * nat: guests reach out through the host's NAT; route: routed without NAT; isolated: guests and host only;
 * open: routed, libvirt adds no firewall rules; bridge: guests join an existing host bridge (e.g. br0 on the LAN).
 */
export const NETWORK_ACTIONS = ['start', 'stop'] as const;
export type NetworkAction = (typeof NETWORK_ACTIONS)[number];

export const NETWORK_MODES = ['nat', 'route', 'isolated', 'open', 'bridge'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export interface DhcpHost {
  mac: string;
  ip: string;
  name?: string;
}

export interface NetworkSpec {
  name: string;
  mode: NetworkMode;
  /** Host address and prefix on the network, e.g. "10.1.2.1/24" (not for bridge mode). */
  cidr?: string;
  /** "A-B" inclusive; undefined = the whole subnet after the host address; null = no DHCP. */
  dhcpRange?: { start: string; end: string } | null;
  dhcpHosts?: DhcpHost[];
  /** Bridge mode: the existing host bridge. Other modes: libvirt picks virbrN when omitted. */
  bridge?: string;
  /** nat/route: leave only through this host interface. */
  forwardDev?: string;
  autostart?: boolean;
}

export interface NetworkInfo {
  host: string;
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
  mode: string;
  bridge: string | null;
  forwardDev: string | null;
  /** Host address with prefix, e.g. "10.1.2.1/24". */
  addresses: string[];
  dhcpRanges: Array<{ start: string; end: string }>;
  dhcpHosts: DhcpHost[];
}
