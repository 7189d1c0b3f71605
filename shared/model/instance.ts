// Cloud-init instances as every room sees them: image library, flavors, IPAM, launch specs and results.
import type { ErrorReport } from './errors.js';

/** A cloud image registered on a host: a volume in one of its pools that instances are linked clones of. */
export interface ImageInfo {
  host: string;
  name: string;
  pool: string;
  volume: string;
  /** Host path of the volume; null while the host is offline. */
  path: string | null;
  /** "qcow2", "raw", ...; null while the host is offline. */
  format: string | null;
  /** Bytes the guest sees; null while offline. */
  virtualSize: number | null;
  /** Bytes used on the host's disk; null while offline. */
  sizeOnDisk: number | null;
  /** Verified SHA-256 of the bytes registered, when known. */
  sha256: string | null;
  /** "upload FILE", "url URL" or "volume POOL/VOL". */
  source: string;
  /** Distribution from the known-images list, e.g. "debian-12". */
  os: string | null;
  /** The image's default login user (e.g. "debian"), used when a launch names none. */
  defaultUser: string | null;
  addedAt: string;
}

/** One entry of the known cloud images list. */
export interface KnownImage {
  id: string;
  distro: string;
  release: string;
  url: string;
  /** Where the distribution publishes the checksums for `url`. */
  checksumsUrl: string | null;
  defaultUser: string;
  format: 'qcow2' | 'raw';
}

export interface Flavor {
  name: string;
  vcpus: number;
  memoryMiB: number;
  diskBytes: number;
}

/** IPAM of one libvirt network or host bridge (IPv4). */
export interface IpamConfig {
  host: string;
  network: string;
  kind: 'network' | 'bridge';
  cidr: string;
  gateway: string;
  dns: string[];
  search: string[];
  range: { start: string; end: string } | null;
  reserved: string[];
}

export type IpamSettings = Omit<IpamConfig, 'host' | 'network' | 'kind'>;

export type HolderSource = 'inventory' | 'guest-agent' | 'dhcp-lease' | 'reservation';

export interface IpamAddress {
  ip: string;
  state: 'free' | 'used' | 'gateway' | 'dns' | 'reserved' | 'network' | 'broadcast';
  inRange: boolean;
  /** `by`: who made a reservation (OS user@machine of whichever VirtDeck made it). */
  holders: Array<{ ip: string; holder: string; source: HolderSource; by?: string }>;
}

export interface IpamView {
  config: IpamConfig;
  addresses: IpamAddress[];
  free: number;
  used: number;
}

export interface LaunchUser {
  /** Omitted: the image's default user (e.g. "debian"). */
  name?: string;
  sshAuthorizedKeys: string[];
  /** SHA-512 crypt ("$6$…") only. */
  passwordHash?: string;
  sudo?: boolean;
}

export interface LaunchSpec {
  name: string;
  /** A host name, or "auto" to place by free memory, CPU and disk. */
  host: string;
  image: string;
  /** A flavor name, or `size` for a custom one (exactly one of them). */
  flavor?: string;
  size?: { vcpus: number; memoryMiB: number; diskBytes: number };
  /** libvirt network or IPAM-managed host bridge. */
  network: string;
  /** "auto" (from IPAM), "dhcp", or an address (a.b.c.d or a.b.c.d/prefix). Default "auto". */
  ip?: string;
  users: LaunchUser[];
  /** Allow SSH password logins; default: when some user has a password. */
  sshPwauth?: boolean;
  packages?: string[];
  runcmd?: Array<string | string[]>;
  /** Raw cloud-config YAML merged into the generated user-data. */
  extraUserData?: string;
  /** Default: the host's configured type, else kvm when the host offers it, else qemu. */
  virtType?: 'kvm' | 'qemu';
  /** Wait for cloud-init to finish (guest agent). Default true. */
  wait?: boolean;
  /** How long to wait for the guest; default launchWaitSec(the plan's virt type). */
  waitTimeoutSec?: number;
}

/** How long a launch waits for cloud-init by default: an emulated (TCG) guest boots several times slower. */
export function launchWaitSec(virtType: 'kvm' | 'qemu'): number {
  return virtType === 'kvm' ? 300 : 900;
}

/** A problem with a launch spec: the report names the spec field it is about, e.g. "ip", "image", "extraUserData". */
export type LaunchIssue = ErrorReport & { field: string };

/** A host that could take a VM (problem null) or why it could not, with its free resources. */
export interface PlacementCandidate {
  host: string;
  problem: ErrorReport | null;
  freeMemory: number;
  cpus: number;
  poolFree: number;
  pool: string;
  /** The host the image would be copied from first (this one lacks it), null when it has the image. */
  imageFrom: string | null;
}

export interface Placement {
  /** 'user': the spec named the host; 'auto': the candidate with the most free memory. */
  by: 'user' | 'auto';
  host: string;
  /** auto: every online host, the chosen one first; empty when the user named the host. */
  candidates: PlacementCandidate[];
}

/** What a launch would do, decided before anything is created. */
export interface LaunchPlan {
  name: string;
  host: string;
  /** Why this host. */
  placement: Placement;
  /** The image as registered on the host it comes from. */
  image: ImageInfo;
  /** Auto placement on a host without the image: the host it is copied from first (a step of the launch). */
  imageFrom: string | null;
  vcpus: number;
  memoryMiB: number;
  diskBytes: number;
  network: string;
  networkKind: 'network' | 'bridge';
  /** Address with prefix, or null for DHCP. */
  address: string | null;
  gateway: string | null;
  mac: string;
  virtType: 'kvm' | 'qemu';
  pool: string;
  diskVolume: string;
  seedVolume: string;
}

export interface LaunchValidation {
  ok: boolean;
  errors: LaunchIssue[];
  warnings: LaunchIssue[];
  /** Present when every check passed. */
  plan: LaunchPlan | null;
}

export interface LaunchPreview {
  plan: LaunchPlan;
  userData: string;
  metaData: string;
  networkConfig: string | null;
  domainXml: string;
}

export interface LaunchResult {
  host: string;
  name: string;
  uuid: string;
  /** The guest's address (as reported by the guest agent when waited for, else the planned one). */
  ip: string | null;
  mac: string;
  placement: Placement;
  /** Seconds per step (clone, seed, define, boot, cloud-init). */
  timings: Record<string, number>;
  cloudInit: string | null;
}
