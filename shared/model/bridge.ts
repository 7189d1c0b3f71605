// Host bridges on real NICs: what the host runs for networking, its NICs, and safe-apply transactions.

export const NETWORK_STACKS = ['networkmanager', 'netplan', 'systemd-networkd', 'ifupdown', 'unknown'] as const;
export type NetworkStack = (typeof NETWORK_STACKS)[number];

export interface HostNic {
  name: string;
  /** ethernet, bridge, vlan, veth, bond, dummy, loopback, ... (from the kernel's link info). */
  kind: string;
  mac: string | null;
  state: string;
  /** The bridge (or bond) this NIC is enslaved to. */
  master: string | null;
  /** Addresses in CIDR form. */
  addresses: string[];
  /** True when this NIC holds the address VirtDeck's SSH session arrives on: bridging it may cut the session. */
  carriesSsh: boolean;
}

export interface HostNetworkInfo {
  host: string;
  stack: NetworkStack;
  nics: HostNic[];
  /** The address the SSH session arrives on, as the host sees it ($SSH_CONNECTION), or null (local host). */
  sshServerAddress: string | null;
}

export interface BridgeInfo {
  host: string;
  name: string;
  ports: string[];
  addresses: string[];
  state: string;
  /** The libvirt network that made this bridge (virbr0 of "default"): it comes and goes with that network, not here. */
  network: string | null;
}

export const BRIDGE_TXN_STATES = ['applying', 'applied', 'confirmed', 'failed', 'rolled-back'] as const;
export type BridgeTxnState = (typeof BRIDGE_TXN_STATES)[number];

/** A configuration change applied with a rollback timer: confirm it before `deadline` or the host restores the old one. */
export interface BridgeTxn {
  host: string;
  id: string;
  action: 'create' | 'delete';
  bridge: string;
  nic: string;
  state: BridgeTxnState;
  /** ISO time after which the host rolls back by itself unless confirmed. */
  deadline: string;
  /** The host's log of the apply (and rollback), last lines. */
  log: string;
}

export interface BridgeCreateSpec {
  /** The NIC to bridge (e.g. eth1); with vlan, its VLAN sub-interface eth1.<vlan> becomes the port. */
  nic: string;
  vlan?: number;
  /** Default br0, or brvlan<id> with a VLAN. */
  name?: string;
  /** Seconds before the host rolls back unless confirmed; default 60. */
  rollbackSeconds?: number;
  /** Bridge a NIC that carries the SSH session anyway (the rollback timer still protects the host). */
  allowSshNic?: boolean;
}
