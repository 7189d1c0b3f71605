// Our own TS shapes of the remote_protocol.x structs we send and receive, with their codecs.
import { XdrReader, XdrWriter, readTypedParams, typedParamsToRecord } from '../xdr/index.js';
import { DHCP_LEASE_TYPES, STORAGE_POOL_STATES, STORAGE_VOL_TYPES, UUID_SIZE } from './constants.js';

export interface DomainRef {
  name: string;
  /** Canonical 8-4-4-4-12 lowercase form. */
  uuid: string;
  /** Hypervisor id; -1 when the domain is not running. */
  id: number;
}

export interface NetworkRef {
  name: string;
  uuid: string;
}

export interface StoragePoolRef {
  name: string;
  uuid: string;
}

export interface StorageVolRef {
  pool: string;
  name: string;
  key: string;
}

export function uuidToString(bytes: Uint8Array): string {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

export const writeUuid = (w: XdrWriter, uuid: string): void => void w.fixedOpaque(uuidToBytes(uuid), UUID_SIZE);
export const readUuid = (r: XdrReader): string => uuidToString(r.fixedOpaque(UUID_SIZE));

export function writeDomain(w: XdrWriter, d: DomainRef): void {
  w.string(d.name);
  writeUuid(w, d.uuid);
  w.int(d.id);
}

export function readDomain(r: XdrReader): DomainRef {
  return { name: r.string(), uuid: readUuid(r), id: r.int() };
}

export function writeNetwork(w: XdrWriter, n: NetworkRef): void {
  w.string(n.name);
  writeUuid(w, n.uuid);
}

export function readNetwork(r: XdrReader): NetworkRef {
  return { name: r.string(), uuid: readUuid(r) };
}

export const writePool = writeNetwork as (w: XdrWriter, p: StoragePoolRef) => void;
export const readPool = readNetwork as (r: XdrReader) => StoragePoolRef;

export function writeVol(w: XdrWriter, v: StorageVolRef): void {
  w.string(v.pool).string(v.name).string(v.key);
}

export function readVol(r: XdrReader): StorageVolRef {
  return { pool: r.string(), name: r.string(), key: r.string() };
}

/** remote_error: carried by error replies and aborted streams. */
export interface RemoteError {
  code: number;
  domain: number;
  message: string | null;
  level: number;
  str1: string | null;
  str2: string | null;
  str3: string | null;
  int1: number;
  int2: number;
}

export function readRemoteError(r: XdrReader): RemoteError {
  const code = r.int();
  const domain = r.int();
  const message = r.optional((x) => x.string());
  const level = r.int();
  r.optional(readDomain);
  const str1 = r.optional((x) => x.string());
  const str2 = r.optional((x) => x.string());
  const str3 = r.optional((x) => x.string());
  const int1 = r.int();
  const int2 = r.int();
  r.optional(readNetwork);
  return { code, domain, message, level, str1, str2, str3, int1, int2 };
}

export function writeRemoteError(w: XdrWriter, e: RemoteError): void {
  const optString = (x: XdrWriter, s: string) => void x.string(s);
  w.int(e.code).int(e.domain).optional(e.message, optString).int(e.level).bool(false);
  w.optional(e.str1, optString).optional(e.str2, optString).optional(e.str3, optString);
  w.int(e.int1).int(e.int2).bool(false);
}

export interface NodeInfo {
  model: string;
  memoryKiB: number;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

export function readNodeInfo(r: XdrReader): NodeInfo {
  // char model[32]: a fixed array of 32 chars, each XDR-encoded as a 4-byte int.
  const chars: number[] = [];
  for (let i = 0; i < 32; i++) chars.push(r.int() & 0xff);
  const end = chars.indexOf(0);
  const model = Buffer.from(end === -1 ? chars : chars.slice(0, end)).toString('utf8');
  return {
    model,
    memoryKiB: r.uhyperNumber(),
    cpus: r.int(),
    mhz: r.int(),
    nodes: r.int(),
    sockets: r.int(),
    cores: r.int(),
    threads: r.int(),
  };
}

export interface DomainInfo {
  /** virDomainState number; see domainStateName(). */
  state: number;
  maxMemKiB: number;
  memoryKiB: number;
  nrVirtCpu: number;
  cpuTimeNs: number;
}

export function readDomainInfo(r: XdrReader): DomainInfo {
  // unsigned char / unsigned short travel as 4-byte unsigned ints.
  return {
    state: r.uint(),
    maxMemKiB: r.uhyperNumber(),
    memoryKiB: r.uhyperNumber(),
    nrVirtCpu: r.uint(),
    cpuTimeNs: r.uhyperNumber(),
  };
}

export interface DomainInterface {
  name: string;
  hwaddr: string | null;
  addrs: Array<{ type: 'ipv4' | 'ipv6'; addr: string; prefix: number }>;
}

export function readDomainInterface(r: XdrReader): DomainInterface {
  const name = r.string();
  const hwaddr = r.optional((x) => x.string());
  const addrs = r.array((x) => {
    const type = x.int() === 1 ? ('ipv6' as const) : ('ipv4' as const);
    return { type, addr: x.string(), prefix: x.uint() };
  });
  return { name, hwaddr, addrs };
}

export interface DomainStatsRecord {
  dom: DomainRef;
  params: Record<string, number | string | boolean>;
}

export function readDomainStatsRecord(r: XdrReader): DomainStatsRecord {
  return { dom: readDomain(r), params: typedParamsToRecord(readTypedParams(r)) };
}

export interface StorageVolInfo {
  type: (typeof STORAGE_VOL_TYPES)[number] | 'unknown';
  capacity: number;
  allocation: number;
}

export function readStorageVolInfo(r: XdrReader): StorageVolInfo {
  const t = r.int();
  return { type: STORAGE_VOL_TYPES[t] ?? 'unknown', capacity: r.uhyperNumber(), allocation: r.uhyperNumber() };
}

export interface StoragePoolInfo {
  state: (typeof STORAGE_POOL_STATES)[number] | 'unknown';
  /** Bytes. */
  capacity: number;
  allocation: number;
  available: number;
}

export function readStoragePoolInfo(r: XdrReader): StoragePoolInfo {
  // unsigned char state travels as a 4-byte unsigned int.
  const s = r.uint();
  return {
    state: STORAGE_POOL_STATES[s] ?? 'unknown',
    capacity: r.uhyperNumber(),
    allocation: r.uhyperNumber(),
    available: r.uhyperNumber(),
  };
}

export interface NetworkDhcpLease {
  iface: string;
  /** Seconds since the epoch. */
  expiryTime: number;
  type: (typeof DHCP_LEASE_TYPES)[number] | 'unknown';
  mac: string | null;
  iaid: string | null;
  ipaddr: string;
  prefix: number;
  hostname: string | null;
  clientId: string | null;
}

export function readNetworkDhcpLease(r: XdrReader): NetworkDhcpLease {
  const optStr = (x: XdrReader) => x.string();
  return {
    iface: r.string(),
    expiryTime: Number(r.hyper()),
    type: DHCP_LEASE_TYPES[r.int()] ?? 'unknown',
    mac: r.optional(optStr),
    iaid: r.optional(optStr),
    ipaddr: r.string(),
    prefix: r.uint(),
    hostname: r.optional(optStr),
    clientId: r.optional(optStr),
  };
}
