// The launch wizard's form and the LaunchSpec it stands for.
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
  user: string;
  keys: string;
  passwordHash: string;
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
    passwordHash: '',
    sudo: true,
    packages: [],
    extraUserData: '',
    virtType: 'default',
  };
}

export function launchSpecOf(f: LaunchForm): LaunchSpec {
  const keys = f.keys.split('\n').map((k) => k.trim()).filter(Boolean);
  const users = f.user.trim()
    ? [{ name: f.user.trim(), sshAuthorizedKeys: keys, sudo: f.sudo, ...(f.passwordHash.trim() ? { passwordHash: f.passwordHash.trim() } : {}) }]
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

/** Which wizard step shows a field's problems. */
export const FIELD_STEP: Readonly<Record<string, number>> = {
  name: 0, host: 0, image: 0, flavor: 0, size: 0, virtType: 0,
  network: 1, ip: 1,
  users: 2, sshPwauth: 2, packages: 2, runcmd: 2, extraUserData: 2,
};
