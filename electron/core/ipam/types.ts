import type { ErrorReport } from '../../../shared/model/errors.js';

/** An IPAM definition for one network (libvirt network or host bridge). IPv4 only. */
export interface IpamNetwork {
  /** e.g. `10.0.0.0/24` (host bits must be zero) */
  cidr: string;
  gateway: string;
  dns: string[];
  search?: string[];
  /** Allocatable addresses, inclusive; defaults to every host address of the CIDR. */
  range?: { start: string; end: string };
  /** Addresses never handed out (printers, appliances, ...). */
  reserved: string[];
}

/** Where the caller learned that an address is taken. */
export type HolderSource = 'inventory' | 'guest-agent' | 'dhcp-lease' | 'reservation';

export interface AddressHolder {
  ip: string;
  /** Who holds it, e.g. `h1/web1`. */
  holder: string;
  source: HolderSource;
  /** For a reservation: OS user@machine of the VirtDeck that made it (any home sharing the host). */
  by?: string;
}

export type IpamResult<T> = { ok: true; value: T } | { ok: false; error: ErrorReport };

export type AddressState = 'free' | 'used' | 'gateway' | 'dns' | 'reserved' | 'network' | 'broadcast';

export interface AddressRow {
  ip: string;
  state: AddressState;
  /** In the allocatable range (addresses outside it are listed when something holds them). */
  inRange: boolean;
  holders: AddressHolder[];
}
