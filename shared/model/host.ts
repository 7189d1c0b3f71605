// Hosts as configured by the user and as the core sees them live.
import type { ErrorReport } from './errors.js';

export const HOST_STATUSES = ['connecting', 'online', 'reconnecting', 'offline', 'disabled'] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

export interface SshTarget {
  /** Host name, IP or ~/.ssh/config alias. */
  host: string;
  port?: number;
  user?: string;
  identityFile?: string;
  /** ProxyJump spec ([user@]host[:port]), or an alias. */
  jump?: string;
}

export interface HostConfig {
  name: string;
  /** "ssh" for remote hosts, "local" for the libvirt unix socket on this machine. */
  transport: 'ssh' | 'local';
  ssh?: SshTarget;
  /** libvirt URI on the host, e.g. qemu:///system. */
  uri: string;
  /** OpenSSH known_hosts file to verify and record host keys in (default ~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /** Virtualization type for new VMs on this host; null = kvm when offered, else qemu. */
  virtType?: 'kvm' | 'qemu' | null;
}

export interface HostInfo extends HostConfig {
  status: HostStatus;
  /** ISO-8601 time the current status began. */
  statusSince: string;
  /** Why the host is not online (worded by the front end). */
  lastError: ErrorReport | null;
  /** Filled when online. */
  hostname: string | null;
  libvirtVersion: string | null;
}

export interface HostKeyPrompt {
  host: string;
  keyType: string;
  /** OpenSSH form: "SHA256:base64-without-padding". */
  fingerprint: string;
}
