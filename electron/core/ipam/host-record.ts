// How IPAM state is laid out on the host that owns a network: pure names and records, no I/O.
//
//   /var/lib/libvirt/virtdeck/ipam/<network key>/config.json       the IPAM config (written whole: temp + rename)
//   /var/lib/libvirt/virtdeck/ipam/<network key>/config.lock       held while the config changes (exclusive create)
//   /var/lib/libvirt/virtdeck/ipam/<network key>/<a.b.c.d>.json    one file per reserved address (exclusive create)
//
// Why files and not the libvirt network's <metadata>: the same store serves host bridges (no libvirt object to hang
// it on), an address is claimed by one exclusive create (a metadata redefine would be a read-modify-write that
// needs a lock of its own, and libvirt 9.0 has no virNetworkSetMetadata), and release is one unlink. Why under
// /var/lib/libvirt: it exists on every libvirt host, belongs to that host's libvirt state, and root-over-SSH (what
// VirtDeck uses to manage a host) may write there.
import { parseIpv4, formatIpv4 } from '../net/ipv4.js';

export const IPAM_ROOT = '/var/lib/libvirt/virtdeck/ipam';
export const CONFIG_FILE = 'config.json';
export const LOCK_FILE = 'config.lock';
/** A config lock older than this is a crashed writer's: it is broken. */
export const STALE_LOCK_SECONDS = 30;

/**
 * A directory name for a network or bridge name: itself when it is a plain name (letters, digits, `_`, `-`, inner
 * dots), else `~` and the name's UTF-8 bytes in hex — never a path separator, never `.` or `..`.
 */
export function networkKey(name: string): string {
  if (/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(name)) return name;
  return `~${Buffer.from(name, 'utf8').toString('hex')}`;
}

export const networkDir = (name: string): string => `${IPAM_ROOT}/${networkKey(name)}`;

export const reservationFile = (ip: string): string => `${ip}.json`;

/** The address a reservation file holds (null: not a reservation file, e.g. config.json or a temp file). */
export function addressOfFile(file: string): string | null {
  const m = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\.json$/.exec(file);
  if (!m) return null;
  const ip = parseIpv4(m[1]!);
  return ip.ok && formatIpv4(ip.value) === m[1] ? m[1]! : null;
}

/** What a reservation file on the host says. */
export interface HostReservation {
  ip: string;
  /** The VM holding it ('' for an address reserved by hand). */
  vmName: string;
  vmUuid: string | null;
  /** The task (pending undo of the home that made it) holding it until its VM exists. */
  taskId: string | null;
  /** What an address reserved by hand is for (`--for`); null for a VM's address. */
  note: string | null;
  /** OS user@machine of the VirtDeck that reserved it. */
  by: string;
  /** The VirtDeck home (install) that reserved it: its own task ids mean something only there. */
  home: string;
  at: string;
}

export function formatReservation(r: HostReservation): string {
  return `${JSON.stringify({ v: 1, ...r })}\n`;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A reservation file's content, or null when it is not one (a foreign or damaged file is not trusted). */
export function parseReservation(ip: string, text: string): HostReservation | null {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const r = o as Record<string, unknown>;
  if (r.ip !== ip) return null;
  return {
    ip,
    vmName: str(r.vmName) ?? '',
    vmUuid: str(r.vmUuid),
    taskId: str(r.taskId),
    note: str(r.note),
    by: str(r.by) ?? '',
    home: str(r.home) ?? '',
    at: str(r.at) ?? '',
  };
}

/** Who holds an address, as the IPAM view shows it: the VM (`host/vm`), or what it was reserved for. */
export function holderName(host: string, r: Pick<HostReservation, 'vmName' | 'note' | 'by'>): string {
  if (r.vmName) return `${host}/${r.vmName}`;
  return r.note || r.by || 'reserved';
}

/** The network or bridge name a directory is for (null: not one of ours). */
export function networkOfKey(key: string): string | null {
  if (key.startsWith('~')) {
    const hex = key.slice(1);
    if (!/^([0-9a-f]{2})+$/.test(hex)) return null;
    const name = Buffer.from(hex, 'hex').toString('utf8');
    return networkKey(name) === key ? name : null;
  }
  return networkKey(key) === key ? key : null;
}
