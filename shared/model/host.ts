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

/** An ssh_config setting or known_hosts marker that applies to a host but that VirtDeck does not apply. */
export interface SshIgnoredSetting {
  /** As OpenSSH spells it: "ProxyCommand", "HostKeyAlias", "StrictHostKeyChecking", "@cert-authority". */
  setting: string;
  file: string;
  line: number;
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
  /** ssh_config settings (or known_hosts markers) for this host that VirtDeck does not apply; absent when none. */
  ignoredSshSettings?: SshIgnoredSetting[];
}

export interface HostKeyPrompt {
  host: string;
  keyType: string;
  /** OpenSSH form: "SHA256:base64-without-padding". */
  fingerprint: string;
  /**
   * Key types already known for this host, none of them this one: OpenSSH warns that keys of a different type
   * are already known (a man-in-the-middle offering a new type must not look like a plain first use).
   */
  otherKnownTypes?: string[];
  /**
   * For a guest VM's key: which VM, and whether the key is one the VM printed on its serial console ("match"), or
   * the console could not be read ("unavailable"). A key the console contradicts is refused without asking.
   */
  guest?: { vm: string; console: 'match' | 'unavailable' };
}

/** One prompt of a keyboard-interactive login that is not the account password (an OTP, a PIN, a question). */
export interface KeyboardInteractivePrompt {
  user: string;
  host: string;
  /** The server's name and instructions for this round (often empty). */
  name: string;
  instructions: string;
  prompt: string;
  /** False for secrets: the answer must not be shown while typed. */
  echo: boolean;
}
