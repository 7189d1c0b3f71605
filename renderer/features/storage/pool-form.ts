// The pool wizard's form state and the PoolSpec it stands for (empty fields left out, so the core fills defaults).
import type { PoolSpec, PoolType } from '../../../shared/model/storage.js';

export interface PoolForm {
  name: string;
  type: PoolType;
  target: string;
  device: string;
  devices: string[];
  hosts: string[];
  port: number | null;
  sourcePath: string;
  sourceName: string;
  format: string;
  authUser: string;
  secretUuid: string;
  build: boolean;
  start: boolean;
  autostart: boolean;
}

export const DEFAULT_TARGETS: Readonly<Record<PoolType, string>> = {
  dir: '/var/lib/libvirt/images/',
  fs: '/mnt/',
  netfs: '/mnt/',
  logical: '',
  iscsi: '/dev/disk/by-path',
  rbd: '',
};

export function emptyPoolForm(): PoolForm {
  return {
    name: '',
    type: 'dir',
    target: '',
    device: '',
    devices: [],
    hosts: [],
    port: null,
    sourcePath: '',
    sourceName: '',
    format: '',
    authUser: '',
    secretUuid: '',
    build: true,
    start: true,
    autostart: true,
  };
}

/** Which fields each type asks for (the others are not sent). */
export const POOL_FIELDS: Readonly<Record<PoolType, readonly (keyof PoolForm)[]>> = {
  dir: ['target'],
  fs: ['device', 'target', 'format'],
  netfs: ['hosts', 'sourcePath', 'target', 'format'],
  logical: ['sourceName', 'devices'],
  iscsi: ['hosts', 'port', 'sourcePath', 'target'],
  rbd: ['hosts', 'port', 'sourceName', 'authUser', 'secretUuid'],
};

export function poolSpecOf(f: PoolForm): PoolSpec {
  const has = (k: keyof PoolForm) => POOL_FIELDS[f.type].includes(k);
  const text = (k: 'target' | 'device' | 'sourcePath' | 'sourceName' | 'format' | 'authUser' | 'secretUuid') =>
    has(k) && f[k].trim() ? { [k]: f[k].trim() } : {};
  const hosts = f.hosts.map((h) => h.trim()).filter(Boolean);
  return {
    name: f.name.trim(),
    type: f.type,
    ...text('target'),
    ...text('device'),
    ...text('sourcePath'),
    ...text('sourceName'),
    ...text('format'),
    ...text('authUser'),
    ...text('secretUuid'),
    ...(has('devices') && f.devices.length ? { devices: f.devices } : {}),
    ...(has('hosts') && hosts.length ? { host: f.type === 'rbd' ? hosts : (hosts[0] as string) } : {}),
    ...(has('port') && f.port !== null ? { port: f.port } : {}),
  };
}

/** An input of the pool wizard: a form field that a spec field is shown on. */
export type PoolInput = Exclude<keyof PoolForm, 'build' | 'start' | 'autostart'>;

/** The wizard step of each input: name and type first, the rest on the source step. */
export const POOL_INPUT_STEP: Readonly<Record<PoolInput, number>> = {
  name: 0, type: 0,
  target: 1, device: 1, devices: 1, hosts: 1, port: 1, sourcePath: 1, sourceName: 1, format: 1, authUser: 1, secretUuid: 1,
};

/** The input a spec field ("host", "devices.1", …) is shown on; null for none. */
export function poolInputOf(field: string): PoolInput | null {
  const head = field.split('.')[0] ?? '';
  if (head === 'host') return 'hosts';
  return head in POOL_INPUT_STEP ? (head as PoolInput) : null;
}
