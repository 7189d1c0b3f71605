// One libvirt connection over a duplex transport: opening handshake, keepalive, typed procedures.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { ResourceRef, VmState } from '../../shared/model/index.js';
import { XdrReader, XdrWriter } from './xdr/index.js';
import {
  AuthType,
  ConnectFlags,
  DrvFeature,
  LONG_RUNNING_PROCS,
  Proc,
  QEMU_PROGRAM,
  QEMU_PROTOCOL_VERSION,
  QemuProc,
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  domainStateName,
  procName,
  readDomain,
  readDomainInfo,
  readDomainInterface,
  readDomainStatsRecord,
  readNetwork,
  readNetworkDhcpLease,
  readNodeInfo,
  readPool,
  readStoragePoolInfo,
  readStorageVolInfo,
  readVol,
  writeDomain,
  writeNetwork,
  writePool,
  writeUuid,
  writeVol,
  type DomainInterface,
  type DomainRef,
  type DomainStatsRecord,
  type NetworkDhcpLease,
  type NetworkRef,
  type NodeInfo,
  type StoragePoolInfo,
  type StoragePoolRef,
  type StorageVolInfo,
  type StorageVolRef,
} from './protocol/index.js';
import { RpcClient } from './rpc/client.js';
import { LibvirtStream, type StreamMode } from './stream.js';
import { decodeDomainEvent, type DomainEvent } from './events.js';
import { decodeNetworkEvent, decodePoolEvent, type NetworkEvent, type PoolEvent } from './object-events.js';
import { LibvirtBadReplyError, LibvirtConnectionClosedError } from './errors.js';

export interface OpenOptions {
  /** Default 'qemu:///system'. */
  uri?: string;
  /** Idle time before we PING the daemon; default 5000 ms (libvirt's default). */
  keepaliveIntervalMs?: number;
  /** Unanswered PINGs before the connection is declared dead; default 5. */
  keepaliveCount?: number;
  readOnly?: boolean;
  /**
   * A call without a reply after this many ms fails with LibvirtCallTimeoutError; default 60000. Long-running
   * procedures (LONG_RUNNING_PROCS) and streams have no limit; call() takes a per-call timeoutMs.
   */
  callTimeoutMs?: number;
}

export interface CallOptions<T> {
  /** Overrides the connection's default timeout for this call; 0 = no limit. */
  timeoutMs?: number;
  /** What a successful call changed, emitted as 'changed'. */
  changes?: (ret: T) => ResourceRef;
}

const DEFAULT_CALL_TIMEOUT_MS = 60_000;

export interface DomainInfoResult {
  state: VmState;
  maxMemKiB: number;
  memoryKiB: number;
  nrVirtCpu: number;
  cpuTimeNs: number;
}

export interface LibvirtConnectionEvents {
  /** The connection ended; err is undefined after close(). */
  close: [err: Error | undefined];
  'domain-event': [event: DomainEvent];
  'pool-event': [event: PoolEvent];
  'network-event': [event: NetworkEvent];
  /**
   * A call of ours changed something libvirt sends no event for (volumes, autostart flags, snapshots), emitted once
   * the call succeeded. Pool and network lifecycle changes come back as libvirt's own events instead.
   */
  changed: [ref: ResourceRef];
  /** An event message could not be decoded (the connection stays up). */
  'event-error': [err: Error];
}

type Encode = ((w: XdrWriter) => void) | null;
type Decode<T> = (r: XdrReader) => T;

const none: Decode<void> = () => undefined;
const str: Decode<string> = (r) => r.string();
const intBool: Decode<boolean> = (r) => r.int() !== 0;
const optString = (w: XdrWriter, s: string) => void w.string(s);
const dom1 = (d: DomainRef): Encode => (w) => writeDomain(w, d);
const domFlags = (d: DomainRef, flags: number): Encode => (w) => (writeDomain(w, d), w.uint(flags));
const vol1 = (v: StorageVolRef): Encode => (w) => writeVol(w, v);
const pool1 = (p: StoragePoolRef): Encode => (w) => writePool(w, p);
const poolFlags = (p: StoragePoolRef, flags: number): Encode => (w) => (writePool(w, p), w.uint(flags));
const net1 = (n: NetworkRef): Encode => (w) => writeNetwork(w, n);
const volRef = (v: StorageVolRef): ResourceRef => ({ kind: 'volume', pool: v.pool, name: v.name });
const volChanged: CallOptions<StorageVolRef> = { changes: volRef };
const volChangedBy = (v: StorageVolRef): CallOptions<void> => ({ changes: () => volRef(v) });

/** Decodes one reply; a malformed or over-limit reply fails this call only, with the procedure named. */
function decodeReply<T>(proc: number, body: Buffer, decode: Decode<T>, prog = REMOTE_PROGRAM): T {
  try {
    return decode(new XdrReader(body));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new LibvirtBadReplyError(proc, `the reply to ${procName(proc, prog)} was refused: ${why}`, { cause: err });
  }
}

export class LibvirtConnection extends EventEmitter<LibvirtConnectionEvents> {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly rpc: RpcClient,
    private readonly callTimeoutMs: number,
  ) {
    super();
    rpc.on('message', (proc, body) => {
      try {
        this.dispatchEvent(proc, body);
      } catch (err) {
        this.emit('event-error', err instanceof Error ? err : new Error(String(err)));
      }
    });
    rpc.on('close', (err) => this.emit('close', err));
  }

  private dispatchEvent(proc: number, body: Buffer): void {
    const domain = decodeDomainEvent(proc, body);
    if (domain) return void this.emit('domain-event', domain);
    const pool = decodePoolEvent(proc, body);
    if (pool) return void this.emit('pool-event', pool);
    const net = decodeNetworkEvent(proc, body);
    if (net) this.emit('network-event', net);
  }

  /** AUTH_LIST → CONNECT_SUPPORTS_FEATURE(keepalive) → CONNECT_OPEN, then keepalive if supported. */
  static async open(transport: Duplex, opts: OpenOptions = {}): Promise<LibvirtConnection> {
    const rpc = new RpcClient(transport, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION);
    const conn = new LibvirtConnection(rpc, opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    try {
      await conn.authenticate();
      const keepalive = await conn.call(
        Proc.CONNECT_SUPPORTS_FEATURE,
        (w) => w.int(DrvFeature.PROGRAM_KEEPALIVE),
        intBool,
      );
      await conn.call(
        Proc.CONNECT_OPEN,
        (w) => w.optional(opts.uri ?? 'qemu:///system', optString).uint(opts.readOnly ? ConnectFlags.RO : 0),
        none,
      );
      if (keepalive) conn.rpc.startKeepalive(opts.keepaliveIntervalMs ?? 5000, opts.keepaliveCount ?? 5);
      return conn;
    } catch (err) {
      conn.rpc.close();
      throw err;
    }
  }

  private async authenticate(): Promise<void> {
    const types = await this.call(Proc.AUTH_LIST, null, (r) => r.array((x) => x.int()));
    if (types.length === 0 || types.includes(AuthType.NONE)) return;
    if (types.includes(AuthType.POLKIT)) {
      const complete = await this.call(Proc.AUTH_POLKIT, null, intBool);
      if (complete) return;
    }
    throw new Error(`libvirt authentication not supported: daemon offers types [${types.join(', ')}]`);
  }

  get closed(): boolean {
    return this.rpc.closed;
  }

  /** Says goodbye (CONNECT_CLOSE, bounded wait) and closes the transport. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.rpc.closed) return;
      const bye = this.call(Proc.CONNECT_CLOSE, null, none).catch(() => undefined);
      await Promise.race([bye, new Promise((r) => setTimeout(r, 2000).unref())]);
      this.rpc.close();
    })();
    return this.closing;
  }

  /**
   * Generic call: encode args, decode the reply. Throws LibvirtError, LibvirtConnectionClosedError,
   * LibvirtCallTimeoutError, or LibvirtBadReplyError for a reply it cannot decode (the connection stays up).
   */
  async call<T>(proc: number, encodeArgs: Encode, decodeRet: Decode<T>, opts: CallOptions<T> = {}): Promise<T> {
    let args: Buffer | undefined;
    if (encodeArgs) {
      const w = new XdrWriter();
      encodeArgs(w);
      args = w.finish();
    }
    const timeoutMs = opts.timeoutMs ?? (LONG_RUNNING_PROCS.has(proc) ? 0 : this.callTimeoutMs);
    const ret = decodeReply(proc, await this.rpc.call(proc, args, { timeoutMs }), decodeRet);
    if (opts.changes) this.emit('changed', opts.changes(ret));
    return ret;
  }

  private async openStream(mode: StreamMode, proc: number, encodeArgs: NonNullable<Encode>): Promise<LibvirtStream> {
    if (this.rpc.closed) throw new LibvirtConnectionClosedError('connection closed');
    const w = new XdrWriter();
    encodeArgs(w);
    const stream = new LibvirtStream(mode);
    try {
      await this.rpc.callWithStream(proc, w.finish(), (port) => stream.attach(port));
    } catch (err) {
      stream.destroy();
      throw err;
    }
    return stream;
  }

  // --- host ---

  getHostname(): Promise<string> {
    return this.call(Proc.CONNECT_GET_HOSTNAME, null, str);
  }

  /** libvirt version of the daemon, e.g. "9.0.0". */
  async getLibVersion(): Promise<string> {
    const v = await this.call(Proc.CONNECT_GET_LIB_VERSION, null, (r) => r.uhyperNumber());
    return `${Math.floor(v / 1_000_000)}.${Math.floor(v / 1000) % 1000}.${v % 1000}`;
  }

  getCapabilities(): Promise<string> {
    return this.call(Proc.CONNECT_GET_CAPABILITIES, null, str);
  }

  getDomainCapabilities(
    emulator: string | null,
    arch: string | null,
    machine: string | null,
    virttype: string | null,
    flags = 0,
  ): Promise<string> {
    return this.call(
      Proc.CONNECT_GET_DOMAIN_CAPABILITIES,
      (w) => {
        for (const s of [emulator, arch, machine, virttype]) w.optional(s, optString);
        w.uint(flags);
      },
      str,
    );
  }

  nodeGetInfo(): Promise<NodeInfo> {
    return this.call(Proc.NODE_GET_INFO, null, readNodeInfo);
  }

  /** Free host memory in bytes. */
  nodeGetFreeMemory(): Promise<number> {
    return this.call(Proc.NODE_GET_FREE_MEMORY, null, (r) => r.uhyperNumber());
  }

  // --- domains ---

  listAllDomains(flags = 0): Promise<DomainRef[]> {
    return this.call(Proc.CONNECT_LIST_ALL_DOMAINS, (w) => w.int(1).uint(flags), (r) => r.array(readDomain));
  }

  lookupDomainByName(name: string): Promise<DomainRef> {
    return this.call(Proc.DOMAIN_LOOKUP_BY_NAME, (w) => w.string(name), readDomain);
  }

  lookupDomainByUuid(uuid: string): Promise<DomainRef> {
    return this.call(Proc.DOMAIN_LOOKUP_BY_UUID, (w) => writeUuid(w, uuid), readDomain);
  }

  /** flags: DomainXmlFlags (SECURE 1, INACTIVE 2, ...). */
  domainGetXmlDesc(dom: DomainRef, flags = 0): Promise<string> {
    return this.call(Proc.DOMAIN_GET_XML_DESC, domFlags(dom, flags), str);
  }

  async domainGetInfo(dom: DomainRef): Promise<DomainInfoResult> {
    const info = await this.call(Proc.DOMAIN_GET_INFO, dom1(dom), readDomainInfo);
    return { ...info, state: domainStateName(info.state) };
  }

  /** State and its virDomain*Reason number. */
  domainGetState(dom: DomainRef, flags = 0): Promise<{ state: VmState; reason: number }> {
    return this.call(Proc.DOMAIN_GET_STATE, domFlags(dom, flags), (r) => ({
      state: domainStateName(r.int()),
      reason: r.int(),
    }));
  }

  /** Starts a defined domain (createWithFlags); returns the ref with its new id. */
  domainCreate(dom: DomainRef, flags = 0): Promise<DomainRef> {
    return this.call(Proc.DOMAIN_CREATE_WITH_FLAGS, domFlags(dom, flags), readDomain);
  }

  domainShutdown(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_SHUTDOWN_FLAGS, domFlags(dom, flags), none);
  }

  domainReboot(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_REBOOT, domFlags(dom, flags), none);
  }

  domainReset(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_RESET, domFlags(dom, flags), none);
  }

  domainDestroy(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_DESTROY_FLAGS, domFlags(dom, flags), none);
  }

  domainSuspend(dom: DomainRef): Promise<void> {
    return this.call(Proc.DOMAIN_SUSPEND, dom1(dom), none);
  }

  domainResume(dom: DomainRef): Promise<void> {
    return this.call(Proc.DOMAIN_RESUME, dom1(dom), none);
  }

  domainManagedSave(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_MANAGED_SAVE, domFlags(dom, flags), none);
  }

  domainHasManagedSaveImage(dom: DomainRef, flags = 0): Promise<boolean> {
    return this.call(Proc.DOMAIN_HAS_MANAGED_SAVE_IMAGE, domFlags(dom, flags), intBool);
  }

  domainManagedSaveRemove(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_MANAGED_SAVE_REMOVE, domFlags(dom, flags), none);
  }

  domainGetAutostart(dom: DomainRef): Promise<boolean> {
    return this.call(Proc.DOMAIN_GET_AUTOSTART, dom1(dom), intBool);
  }

  domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void> {
    return this.call(Proc.DOMAIN_SET_AUTOSTART, (w) => (writeDomain(w, dom), w.bool(autostart)), none);
  }

  /** Defines (or redefines) a persistent domain; flags: DomainDefineFlags. */
  domainDefineXml(xml: string, flags = 0): Promise<DomainRef> {
    return this.call(Proc.DOMAIN_DEFINE_XML_FLAGS, (w) => w.string(xml).uint(flags), readDomain);
  }

  /** flags: DomainUndefineFlags (MANAGED_SAVE, SNAPSHOTS_METADATA, NVRAM, ...). */
  domainUndefine(dom: DomainRef, flags = 0): Promise<void> {
    return this.call(Proc.DOMAIN_UNDEFINE_FLAGS, domFlags(dom, flags), none);
  }

  /** Renames an inactive domain. */
  domainRename(dom: DomainRef, newName: string, flags = 0): Promise<void> {
    return this.call(
      Proc.DOMAIN_RENAME,
      (w) => (writeDomain(w, dom), w.optional(newName, optString).uint(flags)),
      none,
    );
  }

  domainIsActive(dom: DomainRef): Promise<boolean> {
    return this.call(Proc.DOMAIN_IS_ACTIVE, dom1(dom), intBool);
  }

  domainIsPersistent(dom: DomainRef): Promise<boolean> {
    return this.call(Proc.DOMAIN_IS_PERSISTENT, dom1(dom), intBool);
  }

  /**
   * Sends one JSON command to the domain's QEMU guest agent (libvirt-qemu program) and returns the agent's JSON
   * reply. timeoutSec: -2 block, -1 libvirt's default (5 s), 0 no wait, >0 seconds; our own call timeout allows
   * for it on top of the usual limit.
   */
  async domainAgentCommand(dom: DomainRef, command: string, timeoutSec: number, flags = 0): Promise<string | null> {
    const w = new XdrWriter();
    writeDomain(w, dom);
    w.string(command).int(timeoutSec).uint(flags);
    const timeoutMs = timeoutSec === -2 ? 0 : Math.max(timeoutSec, 5) * 1000 + this.callTimeoutMs;
    const program = { prog: QEMU_PROGRAM, vers: QEMU_PROTOCOL_VERSION };
    const body = await this.rpc.call(QemuProc.DOMAIN_AGENT_COMMAND, w.finish(), { program, timeoutMs });
    return decodeReply(QemuProc.DOMAIN_AGENT_COMMAND, body, (r) => r.optional((x) => x.string()), QEMU_PROGRAM);
  }

  /** source: InterfaceAddressSource (LEASE 0, AGENT 1, ARP 2). */
  domainInterfaceAddresses(dom: DomainRef, source: number, flags = 0): Promise<DomainInterface[]> {
    return this.call(
      Proc.DOMAIN_INTERFACE_ADDRESSES,
      (w) => (writeDomain(w, dom), w.uint(source).uint(flags)),
      (r) => r.array(readDomainInterface),
    );
  }

  /** Opens the domain's console (devName null: the first one) as a duplex byte stream. */
  domainOpenConsole(dom: DomainRef, devName: string | null, flags = 0): Promise<LibvirtStream> {
    return this.openStream('duplex', Proc.DOMAIN_OPEN_CONSOLE, (w) => {
      writeDomain(w, dom);
      w.optional(devName, optString).uint(flags);
    });
  }

  // --- stats ---

  /** One call for all domains (or just `doms`); statsMask: DomainStatsTypes bits, flags: ListDomainsFlags-like filters. */
  getAllDomainStats(statsMask: number, flags: number, doms: readonly DomainRef[] = []): Promise<DomainStatsRecord[]> {
    return this.call(
      Proc.CONNECT_GET_ALL_DOMAIN_STATS,
      (w) => w.array(doms, writeDomain).uint(statsMask).uint(flags),
      (r) => r.array(readDomainStatsRecord),
    );
  }

  // --- events ---

  /** Subscribes to one DomainEventId, for all domains or one; events arrive as 'domain-event'. */
  registerDomainEvent(eventId: number, dom?: DomainRef): Promise<number> {
    return this.call(
      Proc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
      (w) => w.int(eventId).optional(dom, writeDomain),
      (r) => r.int(),
    );
  }

  deregisterDomainEvent(callbackId: number): Promise<void> {
    return this.call(Proc.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (w) => w.int(callbackId), none);
  }

  /** Subscribes to one PoolEventId, for all pools or one; events arrive as 'pool-event'. */
  registerPoolEvent(eventId: number, pool?: StoragePoolRef): Promise<number> {
    return this.call(Proc.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, (w) => w.int(eventId).optional(pool, writePool), (r) => r.int());
  }

  /** Subscribes to one NetworkEventId, for all networks or one; events arrive as 'network-event'. */
  registerNetworkEvent(eventId: number, net?: NetworkRef): Promise<number> {
    return this.call(Proc.CONNECT_NETWORK_EVENT_REGISTER_ANY, (w) => w.int(eventId).optional(net, writeNetwork), (r) => r.int());
  }

  // --- storage ---

  listAllStoragePools(flags = 0): Promise<StoragePoolRef[]> {
    return this.call(Proc.CONNECT_LIST_ALL_STORAGE_POOLS, (w) => w.int(1).uint(flags), (r) => r.array(readPool));
  }

  storagePoolLookupByName(name: string): Promise<StoragePoolRef> {
    return this.call(Proc.STORAGE_POOL_LOOKUP_BY_NAME, (w) => w.string(name), readPool);
  }

  storagePoolRefresh(pool: StoragePoolRef, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_POOL_REFRESH, (w) => (writePool(w, pool), w.uint(flags)), none);
  }

  storagePoolListAllVolumes(pool: StoragePoolRef, flags = 0): Promise<StorageVolRef[]> {
    return this.call(
      Proc.STORAGE_POOL_LIST_ALL_VOLUMES,
      (w) => (writePool(w, pool), w.int(1).uint(flags)),
      (r) => r.array(readVol),
    );
  }

  storageVolCreateXml(pool: StoragePoolRef, xml: string, flags = 0): Promise<StorageVolRef> {
    return this.call(Proc.STORAGE_VOL_CREATE_XML, (w) => (writePool(w, pool), w.string(xml).uint(flags)), readVol, volChanged);
  }

  storageVolLookupByName(pool: StoragePoolRef, name: string): Promise<StorageVolRef> {
    return this.call(Proc.STORAGE_VOL_LOOKUP_BY_NAME, (w) => (writePool(w, pool), w.string(name)), readVol);
  }

  storageVolLookupByPath(path: string): Promise<StorageVolRef> {
    return this.call(Proc.STORAGE_VOL_LOOKUP_BY_PATH, (w) => w.string(path), readVol);
  }

  storageVolGetInfo(vol: StorageVolRef): Promise<StorageVolInfo> {
    return this.call(Proc.STORAGE_VOL_GET_INFO, vol1(vol), readStorageVolInfo);
  }

  storageVolGetPath(vol: StorageVolRef): Promise<string> {
    return this.call(Proc.STORAGE_VOL_GET_PATH, vol1(vol), str);
  }

  storageVolDelete(vol: StorageVolRef, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_VOL_DELETE, (w) => (writeVol(w, vol), w.uint(flags)), none, volChangedBy(vol));
  }

  /** Writable stream into the volume; end it with `await stream.finish()`. length 0 = up to the end. */
  storageVolUpload(vol: StorageVolRef, offset: number, length: number, flags = 0): Promise<LibvirtStream> {
    return this.openStream('write', Proc.STORAGE_VOL_UPLOAD, (w) => {
      writeVol(w, vol);
      w.uhyper(offset).uhyper(length).uint(flags);
    });
  }

  /** Readable stream of the volume's bytes. length 0 = up to the end. */
  storageVolDownload(vol: StorageVolRef, offset: number, length: number, flags = 0): Promise<LibvirtStream> {
    return this.openStream('read', Proc.STORAGE_VOL_DOWNLOAD, (w) => {
      writeVol(w, vol);
      w.uhyper(offset).uhyper(length).uint(flags);
    });
  }

  // --- networks ---

  listAllNetworks(flags = 0): Promise<NetworkRef[]> {
    return this.call(Proc.CONNECT_LIST_ALL_NETWORKS, (w) => w.int(1).uint(flags), (r) => r.array(readNetwork));
  }

  networkGetXmlDesc(net: NetworkRef, flags = 0): Promise<string> {
    return this.call(Proc.NETWORK_GET_XML_DESC, (w) => (writeNetwork(w, net), w.uint(flags)), str);
  }

  // --- storage pool and volume management (wizards) ---

  /** Asks the host which pools of `type` it can find (e.g. NFS exports of srcSpec's host, LVM volume groups). */
  findStoragePoolSources(type: string, srcSpec: string | null, flags = 0): Promise<string> {
    return this.call(
      Proc.CONNECT_FIND_STORAGE_POOL_SOURCES,
      (w) => (w.string(type), w.optional(srcSpec, optString), w.uint(flags)),
      str,
    );
  }

  storagePoolDefineXml(xml: string, flags = 0): Promise<StoragePoolRef> {
    return this.call(Proc.STORAGE_POOL_DEFINE_XML, (w) => w.string(xml).uint(flags), readPool);
  }

  /** Starts (activates) a defined pool. */
  storagePoolCreate(pool: StoragePoolRef, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_POOL_CREATE, poolFlags(pool, flags), none);
  }

  /** flags: StoragePoolBuildFlags. */
  storagePoolBuild(pool: StoragePoolRef, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_POOL_BUILD, poolFlags(pool, flags), none);
  }

  /** Stops (deactivates) a pool; its data stays. */
  storagePoolDestroy(pool: StoragePoolRef): Promise<void> {
    return this.call(Proc.STORAGE_POOL_DESTROY, pool1(pool), none);
  }

  /** Deletes the pool's underlying storage (directory, VG, ...); flags: StoragePoolDeleteFlags. */
  storagePoolDelete(pool: StoragePoolRef, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_POOL_DELETE, poolFlags(pool, flags), none);
  }

  storagePoolUndefine(pool: StoragePoolRef): Promise<void> {
    return this.call(Proc.STORAGE_POOL_UNDEFINE, pool1(pool), none);
  }

  storagePoolGetInfo(pool: StoragePoolRef): Promise<StoragePoolInfo> {
    return this.call(Proc.STORAGE_POOL_GET_INFO, pool1(pool), readStoragePoolInfo);
  }

  /** flags: 1 = inactive definition (VIR_STORAGE_XML_INACTIVE). */
  storagePoolGetXmlDesc(pool: StoragePoolRef, flags = 0): Promise<string> {
    return this.call(Proc.STORAGE_POOL_GET_XML_DESC, poolFlags(pool, flags), str);
  }

  storagePoolGetAutostart(pool: StoragePoolRef): Promise<boolean> {
    return this.call(Proc.STORAGE_POOL_GET_AUTOSTART, pool1(pool), intBool);
  }

  storagePoolSetAutostart(pool: StoragePoolRef, autostart: boolean): Promise<void> {
    return this.call(Proc.STORAGE_POOL_SET_AUTOSTART, (w) => (writePool(w, pool), w.bool(autostart)), none, {
      changes: () => ({ kind: 'pool', name: pool.name }),
    });
  }

  storagePoolIsActive(pool: StoragePoolRef): Promise<boolean> {
    return this.call(Proc.STORAGE_POOL_IS_ACTIVE, pool1(pool), intBool);
  }

  storageVolGetXmlDesc(vol: StorageVolRef, flags = 0): Promise<string> {
    return this.call(Proc.STORAGE_VOL_GET_XML_DESC, (w) => (writeVol(w, vol), w.uint(flags)), str);
  }

  /** Creates a volume in `pool` whose content is copied from `source` (any pool of the host). */
  storageVolCreateXmlFrom(
    pool: StoragePoolRef,
    xml: string,
    source: StorageVolRef,
    flags = 0,
  ): Promise<StorageVolRef> {
    return this.call(
      Proc.STORAGE_VOL_CREATE_XML_FROM,
      (w) => (writePool(w, pool), w.string(xml), writeVol(w, source), w.uint(flags)),
      readVol,
      volChanged,
    );
  }

  /** New capacity in bytes; flags: StorageVolResizeFlags. */
  storageVolResize(vol: StorageVolRef, capacity: number, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_VOL_RESIZE, (w) => (writeVol(w, vol), w.uhyper(capacity).uint(flags)), none, volChangedBy(vol));
  }

  /** Overwrites the volume's data with zeros. */
  storageVolWipe(vol: StorageVolRef, flags = 0): Promise<void> {
    return this.call(Proc.STORAGE_VOL_WIPE, (w) => (writeVol(w, vol), w.uint(flags)), none, volChangedBy(vol));
  }

  // --- virtual network management (wizards) ---

  networkLookupByName(name: string): Promise<NetworkRef> {
    return this.call(Proc.NETWORK_LOOKUP_BY_NAME, (w) => w.string(name), readNetwork);
  }

  networkDefineXml(xml: string): Promise<NetworkRef> {
    return this.call(Proc.NETWORK_DEFINE_XML, (w) => w.string(xml), readNetwork);
  }

  /** Starts a defined network. */
  networkCreate(net: NetworkRef): Promise<void> {
    return this.call(Proc.NETWORK_CREATE, net1(net), none);
  }

  /** Stops a network. */
  networkDestroy(net: NetworkRef): Promise<void> {
    return this.call(Proc.NETWORK_DESTROY, net1(net), none);
  }

  networkUndefine(net: NetworkRef): Promise<void> {
    return this.call(Proc.NETWORK_UNDEFINE, net1(net), none);
  }

  networkGetAutostart(net: NetworkRef): Promise<boolean> {
    return this.call(Proc.NETWORK_GET_AUTOSTART, net1(net), intBool);
  }

  networkSetAutostart(net: NetworkRef, autostart: boolean): Promise<void> {
    return this.call(Proc.NETWORK_SET_AUTOSTART, (w) => (writeNetwork(w, net), w.bool(autostart)), none, {
      changes: () => ({ kind: 'network', name: net.name }),
    });
  }

  networkIsActive(net: NetworkRef): Promise<boolean> {
    return this.call(Proc.NETWORK_IS_ACTIVE, net1(net), intBool);
  }

  networkIsPersistent(net: NetworkRef): Promise<boolean> {
    return this.call(Proc.NETWORK_IS_PERSISTENT, net1(net), intBool);
  }

  /** Current DHCP leases of the network (mac: only that client). */
  networkGetDhcpLeases(net: NetworkRef, mac: string | null = null, flags = 0): Promise<NetworkDhcpLease[]> {
    return this.call(
      Proc.NETWORK_GET_DHCP_LEASES,
      (w) => (writeNetwork(w, net), w.optional(mac, optString), w.int(1), w.uint(flags)),
      (r) => {
        const leases = r.array(readNetworkDhcpLease);
        r.uint();
        return leases;
      },
    );
  }
}
