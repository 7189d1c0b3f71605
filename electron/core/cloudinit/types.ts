// What a cloud-init instance should become; the input of seed generation.
import type { ErrorReport } from '../../../shared/model/errors.js';

export interface UserSpec {
  /** Linux user name, e.g. `tester`. */
  name: string;
  /** OpenSSH public keys (`ssh-ed25519 AAAA... comment`). */
  sshAuthorizedKeys: string[];
  /** SHA-512 crypt hash (`$6$...`) only; never a clear-text password. Without it the password is locked. */
  passwordHash?: string;
  /** `true`: passwordless sudo (`ALL=(ALL) NOPASSWD:ALL`); a string: that sudoers rule. */
  sudo?: boolean | string;
  /** Login shell; default `/bin/bash`. */
  shell?: string;
  /** Supplementary groups. */
  groups?: string[];
}

export type NetworkSpec =
  /** DHCP; with `mac`, the NIC with that MAC is configured (named eth0), else cloud-init's fallback applies. */
  | { mode: 'dhcp'; mac?: string }
  | {
      mode: 'static';
      /** MAC of the NIC in the domain XML; the config matches it, so NIC names do not matter. */
      mac: string;
      /** Address with prefix, e.g. `10.0.0.5/24`. */
      address: string;
      gateway: string;
      dns: string[];
      search: string[];
    };

export interface InstanceSpec {
  /** Unique per instance: a new id makes cloud-init run its per-instance modules. Default: generated. */
  instanceId?: string;
  hostname: string;
  /** Fully qualified name; must begin with `hostname.` */
  fqdn?: string;
  users: UserSpec[];
  /** Allow SSH password logins. */
  sshPwauth: boolean;
  packages: string[];
  /** Shell strings or argv lists, run once at first boot. */
  runcmd: (string | string[])[];
  /** Raw cloud-config YAML merged in: maps deeply, lists appended; form fields win on scalar conflicts. */
  extraUserData?: string;
  network: NetworkSpec;
}

/** The three NoCloud files. `networkConfig` absent = cloud-init's fallback networking (DHCP). */
export interface SeedFiles {
  userData: string;
  metaData: string;
  networkConfig?: string;
}

export interface SeedIssue {
  severity: 'error' | 'warning';
  /**
   * Where: a spec field (`network.gateway`, `users[0].sshAuthorizedKeys[1]`) or a place in a file, with its line and
   * column when known (`user-data:4:3: users.0.name`).
   */
  path: string;
  problem: ErrorReport;
}

export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.problem.code}`).join('\n'));
    this.name = 'SeedValidationError';
  }
}
