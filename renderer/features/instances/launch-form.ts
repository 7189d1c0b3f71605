// The launch wizard's form, the LaunchSpec it stands for, and which input (and step) each spec field belongs to.
import type { LaunchSpec } from '../../../shared/model/instance.js';

export interface LaunchForm {
  name: string;
  host: string;
  image: string;
  flavor: string | null;
  custom: { vcpus: number; memoryMiB: number; diskBytes: number };
  network: string;
  ipMode: 'auto' | 'dhcp' | 'manual';
  ip: string;
  /** Empty: the image's default user. */
  user: string;
  keys: string;
  /** Typed in plain and kept only in this form; the spec carries its SHA-512 crypt hash. */
  password: string;
  sudo: boolean;
  packages: string[];
  extraUserData: string;
  virtType: 'kvm' | 'qemu' | 'default';
}

export function emptyLaunchForm(host: string): LaunchForm {
  return {
    name: '',
    host,
    image: '',
    flavor: 'small',
    custom: { vcpus: 1, memoryMiB: 1024, diskBytes: 10 * 2 ** 30 },
    network: '',
    ipMode: 'auto',
    ip: '',
    user: '',
    keys: '',
    password: '',
    sudo: true,
    packages: [],
    extraUserData: '',
    virtType: 'default',
  };
}

/** The spec; passwordHash is the hash of form.password (made by the wizard, once per password). */
export function launchSpecOf(f: LaunchForm, passwordHash: string): LaunchSpec {
  const keys = f.keys.split('\n').map((k) => k.trim()).filter(Boolean);
  const name = f.user.trim();
  const users = name || keys.length || passwordHash
    ? [{ ...(name ? { name } : {}), sshAuthorizedKeys: keys, sudo: f.sudo, ...(passwordHash ? { passwordHash } : {}) }]
    : [];
  return {
    name: f.name.trim(),
    host: f.host,
    image: f.image,
    ...(f.flavor ? { flavor: f.flavor } : { size: f.custom }),
    network: f.network,
    ip: f.ipMode === 'manual' ? f.ip.trim() : f.ipMode,
    users,
    ...(f.packages.length ? { packages: f.packages } : {}),
    ...(f.extraUserData.trim() ? { extraUserData: f.extraUserData } : {}),
    ...(f.virtType !== 'default' ? { virtType: f.virtType } : {}),
  };
}

export type LaunchInput =
  | 'name' | 'host' | 'image' | 'flavor' | 'virtType' | 'network' | 'ip' | 'user' | 'password' | 'keys' | 'packages' | 'extraUserData';

/** The wizard step of each input. */
export const INPUT_STEP: Readonly<Record<LaunchInput, number>> = {
  name: 0, host: 0, image: 0, flavor: 0, virtType: 0,
  network: 1, ip: 1,
  user: 2, password: 2, keys: 2, packages: 2, extraUserData: 2,
};

/**
 * The input a spec field (dotted: "users.0.name") is shown on. Planner fields (memory, disk, size) go to the
 * flavor, the seed's hostname to the name, its network settings to the address; null for anything else.
 */
export function launchInputOf(field: string): LaunchInput | null {
  const [head = '', , leaf] = field.split('.');
  if (head === 'users') return leaf === 'name' ? 'user' : leaf === 'passwordHash' ? 'password' : 'keys';
  if (head === 'sshPwauth') return 'password';
  if (head === 'hostname' || head === 'fqdn' || head === 'instanceId') return 'name';
  if (head === 'size' || head === 'memory' || head === 'disk') return 'flavor';
  if (head === 'network' && field !== 'network') return 'ip';
  if (head === 'runcmd') return 'extraUserData';
  return head in INPUT_STEP ? (head as LaunchInput) : null;
}

/** The input a form key edits (for marking inputs touched). */
export const FORM_INPUT: Readonly<Record<keyof LaunchForm, LaunchInput>> = {
  name: 'name', host: 'host', image: 'image', flavor: 'flavor', custom: 'flavor', virtType: 'virtType',
  network: 'network', ipMode: 'ip', ip: 'ip',
  user: 'user', password: 'password', keys: 'keys', sudo: 'keys', packages: 'packages', extraUserData: 'extraUserData',
};
