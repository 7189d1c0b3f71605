// What the pool wizard asks for per pool type, its validation (before anything changes) and its libvirt XML.
import { PoolXml } from '../../libvirt/xml/pool.js';
import { CoreError } from '../errors.js';
import { checkName } from './names.js';
import { FS_FORMATS, NETFS_FORMATS, POOL_TYPES, type PoolSpec, type PoolType } from '../../../shared/model/storage.js';

export { FS_FORMATS, NETFS_FORMATS, POOL_TYPES, type PoolSpec, type PoolType };

const ABS_PATH = /^\/[^\0]*$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$/;
const IQN = /^(iqn\.\d{4}-\d{2}\.[A-Za-z0-9.-]+(:[^\s]+)?|eui\.[0-9A-Fa-f]{16})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(message: string): never {
  throw new CoreError('invalid', message);
}

function checkPath(what: string, path: string | undefined): string {
  if (!path) invalid(`${what} is required`);
  if (!ABS_PATH.test(path) || path.split('/').includes('..')) invalid(`${what} "${path}" must be an absolute path without ".."`);
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function checkHostName(host: string): void {
  if (!HOSTNAME.test(host)) invalid(`"${host}" is not a host name or IPv4 address`);
}

function hostsOf(spec: PoolSpec): string[] {
  const list = spec.host === undefined ? [] : Array.isArray(spec.host) ? spec.host : [spec.host];
  list.forEach(checkHostName);
  return list;
}

/** The spec with defaults filled in; throws CoreError('invalid') naming the first problem. */
export function validatePoolSpec(spec: PoolSpec): PoolSpec {
  checkName(spec.name);
  if (!POOL_TYPES.includes(spec.type)) invalid(`pool type "${spec.type}" is not one of ${POOL_TYPES.join(', ')}`);
  if (spec.port !== undefined && (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65535)) {
    invalid(`port ${spec.port} is out of range`);
  }
  const hosts = hostsOf(spec);
  const needHost = (what: string): void => {
    if (hosts.length === 0) invalid(`a ${spec.type} pool needs ${what}`);
  };
  switch (spec.type) {
    case 'dir':
      return { name: spec.name, type: 'dir', target: checkPath('target directory', spec.target) };
    case 'fs': {
      const format = spec.format ?? 'auto';
      if (!(FS_FORMATS as readonly string[]).includes(format)) invalid(`filesystem "${format}" is not one of ${FS_FORMATS.join(', ')}`);
      return {
        name: spec.name,
        type: 'fs',
        device: checkPath('source device', spec.device),
        target: checkPath('mount point (target)', spec.target),
        format,
      };
    }
    case 'netfs': {
      needHost('the file server (--source-host)');
      if (hosts.length > 1) invalid('a netfs pool has exactly one server');
      const format = spec.format ?? 'nfs';
      if (!(NETFS_FORMATS as readonly string[]).includes(format)) invalid(`network filesystem "${format}" is not one of ${NETFS_FORMATS.join(', ')}`);
      return {
        name: spec.name,
        type: 'netfs',
        host: hosts[0] as string,
        sourcePath: checkPath('export path (--source-path)', spec.sourcePath),
        target: checkPath('mount point (target)', spec.target),
        format,
      };
    }
    case 'logical': {
      const vg = spec.sourceName ?? spec.name;
      if (!/^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/.test(vg) || vg.startsWith('-')) invalid(`"${vg}" is not a valid volume group name`);
      const devices = (spec.devices ?? []).map((d) => checkPath('physical volume', d));
      return { name: spec.name, type: 'logical', sourceName: vg, devices, target: `/dev/${vg}` };
    }
    case 'iscsi':
      needHost('the iSCSI portal (--source-host)');
      if (hosts.length > 1) invalid('an iscsi pool has exactly one portal');
      if (!spec.sourcePath || !IQN.test(spec.sourcePath)) invalid(`"${spec.sourcePath ?? ''}" is not an iSCSI target IQN like iqn.2024-01.com.example:disk1`);
      return {
        name: spec.name,
        type: 'iscsi',
        host: hosts[0] as string,
        ...(spec.port !== undefined ? { port: spec.port } : {}),
        sourcePath: spec.sourcePath,
        target: spec.target ? checkPath('target', spec.target) : '/dev/disk/by-path',
      };
    case 'rbd':
      needHost('one or more Ceph monitors (--source-host)');
      if (!spec.sourceName || !/^[A-Za-z0-9_.-]+$/.test(spec.sourceName)) invalid('an rbd pool needs the Ceph pool name (--source-name)');
      if ((spec.authUser === undefined) !== (spec.secretUuid === undefined)) invalid('rbd authentication needs both --auth-user and --secret-uuid');
      if (spec.secretUuid !== undefined && !UUID.test(spec.secretUuid)) invalid(`"${spec.secretUuid}" is not a libvirt secret UUID`);
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
export function poolXml(spec: PoolSpec): string {
  const pool = PoolXml.create({ type: spec.type, name: spec.name, ...(spec.target && spec.type !== 'rbd' ? { targetPath: spec.target } : {}) });
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
  /** One line describing the source, e.g. "nfs 10.0.0.5:/srv/vm", "/dev/loop0 (ext4)", "vg0 on /dev/sdb". */
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
  else if (type === 'logical') source = `${pool.sourceName ?? '?'}${devices.length ? ` on ${devices.join(', ')}` : ''}`;
  else if (type === 'iscsi') source = `${hosts[0] ?? '?'} ${devices[0] ?? ''}`.trim();
  else if (type === 'rbd') source = `${pool.sourceName ?? '?'} @ ${hosts.join(',')}`;
  return { type, targetPath: pool.targetPath, source };
}
