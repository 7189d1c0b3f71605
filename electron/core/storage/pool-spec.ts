// What the pool wizard asks for per pool type, its validation (before anything changes) and its libvirt XML.
import { PoolXml } from '../../libvirt/xml/pool.js';
import { CoreError } from '../errors.js';
import { parseIpv4 } from '../net/ipv4.js';
import { checkName } from './names.js';
import { FS_FORMATS, NETFS_FORMATS, POOL_TYPES, type PoolSpec, type PoolType } from '../../../shared/model/storage.js';

export { FS_FORMATS, NETFS_FORMATS, POOL_TYPES, type PoolSpec, type PoolType };

const ABS_PATH = /^\/[^\0]*$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IQN = /^(iqn\.\d{4}-\d{2}\.[A-Za-z0-9.-]+(:[^\s]+)?|eui\.[0-9A-Fa-f]{16})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `path` as an absolute path without "..", trailing slashes dropped; `missing` is the error when there is none. */
function checkPath(path: string | undefined, missing: 'pool.target-required' | 'pool.device-required' | 'pool.source-path-required'): string {
  if (!path) throw new CoreError(missing, {});
  if (!ABS_PATH.test(path) || path.split('/').includes('..')) throw new CoreError('pool.bad-path', { path });
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function checkHostName(host: string): void {
  // Digits and dots only is an IPv4 address and must be a valid one (10.0.0.256 is no host name either).
  const digitsOnly = /^[0-9.]+$/.test(host);
  if (digitsOnly ? !parseIpv4(host).ok : !HOSTNAME.test(host)) throw new CoreError('value.not-hostname', { value: host });
}

function hostsOf(spec: PoolSpec): string[] {
  const list = spec.host === undefined ? [] : Array.isArray(spec.host) ? spec.host : [spec.host];
  list.forEach(checkHostName);
  return list;
}

/** The spec with defaults filled in; throws the CoreError of the first problem. */
export function validatePoolSpec(spec: PoolSpec): PoolSpec {
  checkName(spec.name);
  if (!POOL_TYPES.includes(spec.type)) throw new CoreError('pool.bad-type', { type: spec.type, types: POOL_TYPES });
  if (spec.port !== undefined && (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65535)) {
    throw new CoreError('pool.bad-port', { port: spec.port });
  }
  const hosts = hostsOf(spec);
  // The server: the file server (netfs), the iSCSI portal, one or more Ceph monitors (rbd).
  const needHost = (): void => {
    if (hosts.length === 0) throw new CoreError('pool.source-host-required', { type: spec.type });
  };
  const oneHost = (): void => {
    if (hosts.length > 1) throw new CoreError('pool.one-host', { type: spec.type });
  };
  const checkFormat = (format: string, formats: readonly string[]): void => {
    if (!formats.includes(format)) throw new CoreError('pool.bad-format', { format, formats });
  };
  switch (spec.type) {
    case 'dir':
      return { name: spec.name, type: 'dir', target: checkPath(spec.target, 'pool.target-required') };
    case 'fs': {
      const format = spec.format ?? 'auto';
      checkFormat(format, FS_FORMATS);
      return {
        name: spec.name,
        type: 'fs',
        device: checkPath(spec.device, 'pool.device-required'),
        target: checkPath(spec.target, 'pool.target-required'),
        format,
      };
    }
    case 'netfs': {
      needHost();
      oneHost();
      const format = spec.format ?? 'nfs';
      checkFormat(format, NETFS_FORMATS);
      return {
        name: spec.name,
        type: 'netfs',
        host: hosts[0] as string,
        sourcePath: checkPath(spec.sourcePath, 'pool.source-path-required'),
        target: checkPath(spec.target, 'pool.target-required'),
        format,
      };
    }
    case 'logical': {
      const vg = spec.sourceName ?? spec.name;
      if (!/^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/.test(vg) || vg.startsWith('-')) throw new CoreError('pool.bad-vg', { name: vg });
      const devices = (spec.devices ?? []).map((d) => checkPath(d, 'pool.device-required'));
      return { name: spec.name, type: 'logical', sourceName: vg, devices, target: `/dev/${vg}` };
    }
    case 'iscsi':
      needHost();
      oneHost();
      if (!spec.sourcePath || !IQN.test(spec.sourcePath)) throw new CoreError('pool.bad-iqn', { value: spec.sourcePath ?? '' });
      return {
        name: spec.name,
        type: 'iscsi',
        host: hosts[0] as string,
        ...(spec.port !== undefined ? { port: spec.port } : {}),
        sourcePath: spec.sourcePath,
        target: spec.target ? checkPath(spec.target, 'pool.target-required') : '/dev/disk/by-path',
      };
    case 'rbd':
      needHost();
      if (!spec.sourceName || !/^[A-Za-z0-9_.-]+$/.test(spec.sourceName)) throw new CoreError('pool.source-name-required', {});
      if ((spec.authUser === undefined) !== (spec.secretUuid === undefined)) throw new CoreError('pool.rbd-auth-pair', {});
      if (spec.secretUuid !== undefined && !UUID.test(spec.secretUuid)) throw new CoreError('pool.bad-secret-uuid', { value: spec.secretUuid });
      return {
        name: spec.name,
        type: 'rbd',
        host: hosts,
        ...(spec.port !== undefined ? { port: spec.port } : {}),
        sourceName: spec.sourceName,
        ...(spec.authUser !== undefined ? { authUser: spec.authUser, secretUuid: spec.secretUuid } : {}),
      };
  }
}

/** libvirt XML of a validated spec. */
/** uuid: chosen by the caller when it must name the pool before libvirt answers (see PoolService.define). */
export function poolXml(spec: PoolSpec, uuid?: string): string {
  const pool = PoolXml.create({ type: spec.type, name: spec.name, ...(spec.target && spec.type !== 'rbd' ? { targetPath: spec.target } : {}) });
  if (uuid) pool.uuid = uuid;
  const hosts = spec.host === undefined ? [] : Array.isArray(spec.host) ? spec.host : [spec.host];
  if (hosts[0]) pool.sourceHost = hosts[0];
  if (hosts[0] && spec.port !== undefined) pool.sourceHostPort = spec.port;
  // Ceph takes several monitors: further <host> elements after the first.
  const source = pool.doc.findElements('./source', pool.node)[0];
  for (const h of hosts.slice(1)) {
    const el = pool.doc.appendElement(source as NonNullable<typeof source>, 'host');
    el.setAttribute('name', h);
    if (spec.port !== undefined) el.setAttribute('port', String(spec.port));
  }
  // iSCSI names its target IQN as the source device; netfs names its export as the source dir.
  const devices = spec.type === 'iscsi' && spec.sourcePath ? [spec.sourcePath] : spec.device ? [spec.device] : (spec.devices ?? []);
  if (devices.length) pool.sourceDevices = devices;
  if (spec.type === 'netfs' && spec.sourcePath) pool.sourceDir = spec.sourcePath;
  if (spec.sourceName) pool.sourceName = spec.sourceName;
  const format = spec.type === 'logical' ? 'lvm2' : spec.format;
  if (format) pool.sourceFormat = format;
  if (spec.authUser && spec.secretUuid) {
    const auth = pool.doc.ensureElement("./source/auth[@type='ceph']", pool.node);
    auth.setAttribute('username', spec.authUser);
    pool.doc.ensureElement("./secret", auth).setAttribute('uuid', spec.secretUuid);
  }
  return pool.toXml();
}

/** What the list shows of a pool, read from its XML. */
export interface PoolXmlSummary {
  type: string;
  targetPath: string | null;
  /** One line describing the source, e.g. "nfs 10.0.0.5:/srv/vm", "/dev/loop0 (ext4)", "vg0 (/dev/sdb)". */
  source: string | null;
}

export function readPoolXml(xml: string): PoolXmlSummary {
  const pool = PoolXml.parse(xml);
  const type = pool.type ?? 'unknown';
  const hosts = pool.doc.findElements('./source/host', pool.node).map((h) => h.getAttribute('name') ?? '');
  const devices = pool.sourceDevices;
  const format = pool.sourceFormat;
  let source: string | null = null;
  if (type === 'netfs') source = `${format ?? 'nfs'} ${hosts[0] ?? '?'}:${pool.sourceDir ?? '?'}`;
  else if (type === 'fs') source = `${devices[0] ?? '?'}${format ? ` (${format})` : ''}`;
  else if (type === 'logical') source = `${pool.sourceName ?? '?'}${devices.length ? ` (${devices.join(', ')})` : ''}`;
  else if (type === 'iscsi') source = `${hosts[0] ?? '?'} ${devices[0] ?? ''}`.trim();
  else if (type === 'rbd') source = `${pool.sourceName ?? '?'} @ ${hosts.join(',')}`;
  return { type, targetPath: pool.targetPath, source };
}
