// The libvirt procedures VirtDeck uses, as data: one line each with its number, a codec per argument and the result's
// decoder (remote_protocol.x). LibvirtApi, the typed methods services call, is derived from this table; a
// LibvirtConnection provides it, a test passes a fake.
import type { ResourceRef } from '../../shared/model/events.js';
import type { XdrWriter } from './xdr/index.js';
import { QEMU_PROGRAM, QEMU_PROTOCOL_VERSION, QemuProc } from './protocol/constants.js';
import { Proc } from './protocol/procedures.js';
import { MigrationProc, readBegin3, readCookie, readFinish3, readJobStats, readPrepare3 } from './protocol/migration.js';
import { SnapshotProc, readBlockJobInfo, readSnapshot, type SnapshotRef } from './protocol/snapshots.js';
import {
  readDomain,
  readDomainInterface,
  readDomainStatsRecord,
  readNetwork,
  readNetworkDhcpLease,
  readNodeInfo,
  readPool,
  readStoragePoolInfo,
  readStorageVolInfo,
  readVol,
  type StorageVolRef,
} from './protocol/structs.js';
import {
  arrayOf,
  bool,
  domain,
  domainInfo,
  domainState,
  domains,
  flags,
  int,
  int32,
  intBool,
  listFlags,
  listWithCount,
  network,
  nodeCounters,
  none,
  nullableString,
  opaque,
  optStr,
  optionalDomain,
  optionalNetwork,
  optionalPool,
  optionalString,
  pool,
  snapshot,
  str,
  string,
  typedParams,
  uhyper,
  uhyperNumber,
  uint,
  uuid,
  version,
  volume,
  type Arg,
  type Decode,
} from './protocol/codecs.js';
import type { LibvirtStream, StreamMode } from './stream.js';

/** An argument codec of any value type (Arg's encode is a method, so its parameter type widens to unknown). */
type AnyArg = Arg<unknown, boolean>;

/** The method parameters a list of argument codecs stands for; optional codecs make optional parameters. */
export type Params<C extends readonly AnyArg[]> = C extends readonly [...infer Init extends AnyArg[], infer Last]
  ? Last extends Arg<infer T, true>
    ? [...Params<Init>, T?]
    : Last extends Arg<infer T, false>
      ? [...Params<Init>, T]
      : never
  : [];

export interface CallDef<C extends readonly AnyArg[], R> {
  readonly proc: number;
  readonly args: C;
  readonly ret: Decode<R>;
  /** Another program of the daemon (libvirt-qemu). */
  readonly program?: { prog: number; vers: number };
  /** Its duration grows with the data it touches (copy, wipe, save RAM, snapshot): no call timeout. */
  readonly long?: boolean;
  /** Its own timeout in ms from its arguments and the connection's default. */
  readonly timeout?: (args: Params<C>, defaultMs: number) => number;
  /** What it changed that libvirt sends no event for (volumes, autostart flags, snapshots). */
  readonly changes?: (args: Params<C>, ret: R) => ResourceRef;
}

export interface StreamDef<C extends readonly AnyArg[]> {
  readonly proc: number;
  readonly args: C;
  readonly stream: StreamMode;
}

type Extra<C extends readonly AnyArg[], R> = Omit<CallDef<C, R>, 'proc' | 'args' | 'ret'>;

const call = <const C extends readonly AnyArg[], R>(proc: number, args: C, ret: Decode<R>, extra: Extra<C, R> = {}): CallDef<C, R> => ({
  proc,
  args,
  ret,
  ...extra,
});
const stream = <const C extends readonly AnyArg[]>(proc: number, mode: StreamMode, args: C): StreamDef<C> => ({ proc, args, stream: mode });
const long = { long: true } as const;

const volChanged = (v: StorageVolRef): ResourceRef => ({ kind: 'volume', pool: v.pool, name: v.name });
const snapChanged = (s: SnapshotRef): ResourceRef => ({ kind: 'snapshot', vm: s.dom.uuid, name: s.name });
const qemu = { prog: QEMU_PROGRAM, vers: QEMU_PROTOCOL_VERSION };

export const PROCEDURES = {
  // host
  getHostname: call(Proc.CONNECT_GET_HOSTNAME, [], str),
  /** libvirt version of the daemon, e.g. "9.0.0". */
  getLibVersion: call(Proc.CONNECT_GET_LIB_VERSION, [], version),
  getCapabilities: call(Proc.CONNECT_GET_CAPABILITIES, [], str),
  /** (emulator, arch, machine, virttype, flags) */
  getDomainCapabilities: call(Proc.CONNECT_GET_DOMAIN_CAPABILITIES, [nullableString, nullableString, nullableString, nullableString, flags], str),
  /**
   * How a CPU definition (<cpu> XML) fits what this host's hypervisor offers: (emulator, arch, machine, virttype,
   * xmlCPU, flags) → -1 error, 0 incompatible, 1 identical, 2 superset (virCPUCompareResult).
   */
  compareHypervisorCpu: call(Proc.CONNECT_COMPARE_HYPERVISOR_CPU, [nullableString, nullableString, nullableString, nullableString, string, flags], int32),
  nodeGetInfo: call(Proc.NODE_GET_INFO, [], readNodeInfo),
  /** Free host memory in bytes. */
  nodeGetFreeMemory: call(Proc.NODE_GET_FREE_MEMORY, [], uhyperNumber),
  /** Hypervisor (QEMU) version, e.g. "7.2.0". */
  getVersion: call(Proc.CONNECT_GET_VERSION, [], version),
  /**
   * Cumulative host CPU times in ns (kernel, user, idle, iowait): (cpuNum: -1 = all CPUs, nparams, flags). With
   * nparams 0 it answers only how many fields there are; libvirt then wants exactly that many.
   */
  nodeGetCpuStats: call(Proc.NODE_GET_CPU_STATS, [int, int, flags], nodeCounters),
  /** Host memory in KiB (total, free, buffers, cached): (nparams, cellNum: -1 = all cells, flags). */
  nodeGetMemoryStats: call(Proc.NODE_GET_MEMORY_STATS, [int, int, flags], nodeCounters),

  // domains
  listAllDomains: call(Proc.CONNECT_LIST_ALL_DOMAINS, [listFlags], arrayOf(readDomain)),
  lookupDomainByName: call(Proc.DOMAIN_LOOKUP_BY_NAME, [string], readDomain),
  lookupDomainByUuid: call(Proc.DOMAIN_LOOKUP_BY_UUID, [uuid], readDomain),
  /** flags: DomainXmlFlags (SECURE 1, INACTIVE 2, ...). */
  domainGetXmlDesc: call(Proc.DOMAIN_GET_XML_DESC, [domain, flags], str),
  domainGetInfo: call(Proc.DOMAIN_GET_INFO, [domain], domainInfo),
  domainGetState: call(Proc.DOMAIN_GET_STATE, [domain, flags], domainState),
  /** Starts a defined domain (createWithFlags; restoring a managed save can take long); returns the ref with its id. */
  domainCreate: call(Proc.DOMAIN_CREATE_WITH_FLAGS, [domain, flags], readDomain, long),
  domainShutdown: call(Proc.DOMAIN_SHUTDOWN_FLAGS, [domain, flags], none),
  domainReboot: call(Proc.DOMAIN_REBOOT, [domain, flags], none),
  domainReset: call(Proc.DOMAIN_RESET, [domain, flags], none),
  domainDestroy: call(Proc.DOMAIN_DESTROY_FLAGS, [domain, flags], none),
  domainSuspend: call(Proc.DOMAIN_SUSPEND, [domain], none),
  domainResume: call(Proc.DOMAIN_RESUME, [domain], none),
  domainManagedSave: call(Proc.DOMAIN_MANAGED_SAVE, [domain, flags], none, long),
  domainHasManagedSaveImage: call(Proc.DOMAIN_HAS_MANAGED_SAVE_IMAGE, [domain, flags], intBool),
  domainManagedSaveRemove: call(Proc.DOMAIN_MANAGED_SAVE_REMOVE, [domain, flags], none),
  domainGetAutostart: call(Proc.DOMAIN_GET_AUTOSTART, [domain], intBool),
  domainSetAutostart: call(Proc.DOMAIN_SET_AUTOSTART, [domain, bool], none),
  /**
   * Sets (or, with metadata null, removes) one metadata element: (dom, type, metadata, key, uri, flags: DomainImpact).
   * For ELEMENT, only the element in namespace `uri` is replaced, under the daemon's domain lock.
   */
  domainSetMetadata: call(Proc.DOMAIN_SET_METADATA, [domain, int, nullableString, nullableString, nullableString, flags], none),
  /** One metadata element as XML (dom, type, uri, flags); VIR_ERR_NO_DOMAIN_METADATA when absent. */
  domainGetMetadata: call(Proc.DOMAIN_GET_METADATA, [domain, int, nullableString, flags], str),
  /** Defines (or redefines) a persistent domain; flags: DomainDefineFlags. */
  domainDefineXml: call(Proc.DOMAIN_DEFINE_XML_FLAGS, [string, flags], readDomain),
  /** flags: DomainUndefineFlags (MANAGED_SAVE, SNAPSHOTS_METADATA, NVRAM, ...). */
  domainUndefine: call(Proc.DOMAIN_UNDEFINE_FLAGS, [domain, flags], none),
  /** Renames an inactive domain: (dom, newName, flags). */
  domainRename: call(Proc.DOMAIN_RENAME, [domain, nullableString, flags], none),
  /** Hot-plugs and/or adds a device: (dom, device XML, flags: DomainImpact). */
  domainAttachDevice: call(Proc.DOMAIN_ATTACH_DEVICE_FLAGS, [domain, string, flags], none),
  /** Unplugs and/or removes the device the XML names: (dom, device XML, flags: DomainImpact). */
  domainDetachDevice: call(Proc.DOMAIN_DETACH_DEVICE_FLAGS, [domain, string, flags], none),
  /** Changes a device in place (CD-ROM media, link state): (dom, device XML, flags: DomainImpact). */
  domainUpdateDevice: call(Proc.DOMAIN_UPDATE_DEVICE_FLAGS, [domain, string, flags], none),
  /** (dom, count, flags: DomainImpact | DomainVcpuFlags) */
  domainSetVcpus: call(Proc.DOMAIN_SET_VCPUS_FLAGS, [domain, uint, flags], none),
  /** (dom, KiB, flags: DomainImpact | DomainMemoryFlags) */
  domainSetMemory: call(Proc.DOMAIN_SET_MEMORY_FLAGS, [domain, uhyper, flags], none),
  domainIsActive: call(Proc.DOMAIN_IS_ACTIVE, [domain], intBool),
  domainIsPersistent: call(Proc.DOMAIN_IS_PERSISTENT, [domain], intBool),
  /**
   * One JSON command to the domain's QEMU guest agent (libvirt-qemu program): (dom, command, timeoutSec, flags) →
   * the agent's JSON reply. timeoutSec: -2 block, -1 libvirt's default (5 s), 0 no wait, >0 seconds; our call
   * timeout waits that long on top of its default.
   */
  domainAgentCommand: call(QemuProc.DOMAIN_AGENT_COMMAND, [domain, string, int, flags], optStr, {
    program: qemu,
    timeout: ([, , sec], defaultMs) => (sec === -2 ? 0 : Math.max(sec, 5) * 1000 + defaultMs),
  }),
  /** (dom, source: InterfaceAddressSource (LEASE 0, AGENT 1, ARP 2), flags) */
  domainInterfaceAddresses: call(Proc.DOMAIN_INTERFACE_ADDRESSES, [domain, uint, flags], arrayOf(readDomainInterface)),
  /** The domain's console (devName null: the first one) as a duplex byte stream: (dom, devName, flags). */
  domainOpenConsole: stream(Proc.DOMAIN_OPEN_CONSOLE, 'duplex', [domain, nullableString, flags]),
  /** The image of one screen as a readable stream (PPM or PNG, the daemon's reply names its MIME type): (dom, screen, flags). */
  domainScreenshot: stream(Proc.DOMAIN_SCREENSHOT, 'read', [domain, uint, flags]),

  // stats: one call for the listed domains (none: all); (doms, statsMask: DomainStatsTypes bits, flags)
  getAllDomainStats: call(Proc.CONNECT_GET_ALL_DOMAIN_STATS, [domains, uint, flags], arrayOf(readDomainStatsRecord)),

  // events: (eventId, only this object) → callback id; events arrive on the connection
  registerDomainEvent: call(Proc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, [int, optionalDomain], int32),
  deregisterDomainEvent: call(Proc.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, [int], none),
  registerPoolEvent: call(Proc.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, [int, optionalPool], int32),
  registerNetworkEvent: call(Proc.CONNECT_NETWORK_EVENT_REGISTER_ANY, [int, optionalNetwork], int32),

  // snapshots and block jobs
  /** Creates a snapshot from <domainsnapshot> XML; flags: SnapshotCreateFlags. */
  snapshotCreateXml: call(SnapshotProc.DOMAIN_SNAPSHOT_CREATE_XML, [domain, string, flags], readSnapshot, {
    ...long,
    changes: (_, made) => snapChanged(made),
  }),
  /** flags: 1 = SECURE. */
  snapshotGetXmlDesc: call(SnapshotProc.DOMAIN_SNAPSHOT_GET_XML_DESC, [snapshot, flags], str),
  snapshotLookupByName: call(SnapshotProc.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, [domain, string, flags], readSnapshot),
  /** All snapshots of a domain (flags: virDomainSnapshotListFlags). */
  listAllSnapshots: call(SnapshotProc.DOMAIN_LIST_ALL_SNAPSHOTS, [domain, listFlags], listWithCount(readSnapshot)),
  snapshotIsCurrent: call(SnapshotProc.DOMAIN_SNAPSHOT_IS_CURRENT, [snapshot, flags], intBool),
  /** flags: SnapshotRevertFlags. */
  revertToSnapshot: call(SnapshotProc.DOMAIN_REVERT_TO_SNAPSHOT, [snapshot, flags], none, { ...long, changes: ([snap]) => snapChanged(snap) }),
  /** flags: SnapshotDeleteFlags. */
  snapshotDelete: call(SnapshotProc.DOMAIN_SNAPSHOT_DELETE, [snapshot, flags], none, { ...long, changes: ([snap]) => snapChanged(snap) }),
  /** Starts a commit of top (null: the active layer) into base (null: the bottom) of a disk: (dom, disk, base, top, bandwidth, flags: BlockCommitFlags). */
  blockCommit: call(SnapshotProc.DOMAIN_BLOCK_COMMIT, [domain, string, nullableString, nullableString, uhyper, flags], none),
  /** (dom, disk) → the disk's block job, null when none runs. */
  getBlockJobInfo: call(SnapshotProc.DOMAIN_GET_BLOCK_JOB_INFO, [domain, string, flags], readBlockJobInfo),
  /** Ends the disk's block job: (dom, disk, flags: BlockJobAbortFlags; PIVOT switches to the commit's base). */
  blockJobAbort: call(SnapshotProc.DOMAIN_BLOCK_JOB_ABORT, [domain, string, flags], none),

  // migration (the managed v3 sequence, driven by the client) and jobs
  /** Source: (dom, params, flags) → cookie for Prepare and the XML the destination is to run. */
  migrateBegin3Params: call(MigrationProc.DOMAIN_MIGRATE_BEGIN3_PARAMS, [domain, typedParams, flags], readBegin3),
  /** Destination: (params, cookie from Begin, flags) → cookie for Perform and the URI to send to. */
  migratePrepare3Params: call(MigrationProc.DOMAIN_MIGRATE_PREPARE3_PARAMS, [typedParams, opaque, flags], readPrepare3, long),
  /** Source: sends the domain; returns when it is across or failed: (dom, dconnuri (null), params, cookie, flags). */
  migratePerform3Params: call(MigrationProc.DOMAIN_MIGRATE_PERFORM3_PARAMS, [domain, nullableString, typedParams, opaque, flags], readCookie, long),
  /** Destination: (params, cookie from Perform, flags, cancelled) → the domain there (or cleans up when cancelled). */
  migrateFinish3Params: call(MigrationProc.DOMAIN_MIGRATE_FINISH3_PARAMS, [typedParams, opaque, uint, int], readFinish3, long),
  /** Source: (dom, params, cookie from Finish, flags, cancelled): ends the source side (kills or resumes it). */
  migrateConfirm3Params: call(MigrationProc.DOMAIN_MIGRATE_CONFIRM3_PARAMS, [domain, typedParams, opaque, uint, int], none, long),
  /** The domain's current job (type NONE: none) with its statistics. */
  domainGetJobStats: call(MigrationProc.DOMAIN_GET_JOB_STATS, [domain, flags], readJobStats),
  domainAbortJob: call(MigrationProc.DOMAIN_ABORT_JOB, [domain], none),
  /** Longest pause the running migration may make at its end, in ms. */
  domainMigrateSetMaxDowntime: call(MigrationProc.DOMAIN_MIGRATE_SET_MAX_DOWNTIME, [domain, uhyper, flags], none),

  // storage pools
  listAllStoragePools: call(Proc.CONNECT_LIST_ALL_STORAGE_POOLS, [listFlags], arrayOf(readPool)),
  storagePoolLookupByName: call(Proc.STORAGE_POOL_LOOKUP_BY_NAME, [string], readPool),
  /** Asks the host which pools of a type it can find: (type, srcSpec XML or null, flags) → <sources> XML. */
  findStoragePoolSources: call(Proc.CONNECT_FIND_STORAGE_POOL_SOURCES, [string, nullableString, flags], str),
  storagePoolDefineXml: call(Proc.STORAGE_POOL_DEFINE_XML, [string, flags], readPool),
  /** Starts (activates) a defined pool. */
  storagePoolCreate: call(Proc.STORAGE_POOL_CREATE, [pool, flags], none),
  /** flags: StoragePoolBuildFlags. */
  storagePoolBuild: call(Proc.STORAGE_POOL_BUILD, [pool, flags], none, long),
  /** Stops (deactivates) a pool; its data stays. */
  storagePoolDestroy: call(Proc.STORAGE_POOL_DESTROY, [pool], none),
  /** Deletes the pool's underlying storage (directory, VG, ...); flags: StoragePoolDeleteFlags. */
  storagePoolDelete: call(Proc.STORAGE_POOL_DELETE, [pool, flags], none, long),
  storagePoolUndefine: call(Proc.STORAGE_POOL_UNDEFINE, [pool], none),
  storagePoolRefresh: call(Proc.STORAGE_POOL_REFRESH, [pool, flags], none, long),
  storagePoolGetInfo: call(Proc.STORAGE_POOL_GET_INFO, [pool], readStoragePoolInfo),
  /** flags: 1 = inactive definition (VIR_STORAGE_XML_INACTIVE). */
  storagePoolGetXmlDesc: call(Proc.STORAGE_POOL_GET_XML_DESC, [pool, flags], str),
  storagePoolGetAutostart: call(Proc.STORAGE_POOL_GET_AUTOSTART, [pool], intBool),
  storagePoolSetAutostart: call(Proc.STORAGE_POOL_SET_AUTOSTART, [pool, bool], none, { changes: ([p]) => ({ kind: 'pool', name: p.name }) }),
  storagePoolIsActive: call(Proc.STORAGE_POOL_IS_ACTIVE, [pool], intBool),
  storagePoolListAllVolumes: call(Proc.STORAGE_POOL_LIST_ALL_VOLUMES, [pool, listFlags], arrayOf(readVol)),

  // storage volumes
  storageVolCreateXml: call(Proc.STORAGE_VOL_CREATE_XML, [pool, string, flags], readVol, { ...long, changes: (_, v) => volChanged(v) }),
  /** A volume in a pool whose content is copied from another (any pool of the host): (pool, xml, source, flags). */
  storageVolCreateXmlFrom: call(Proc.STORAGE_VOL_CREATE_XML_FROM, [pool, string, volume, flags], readVol, {
    ...long,
    changes: (_, v) => volChanged(v),
  }),
  storageVolLookupByName: call(Proc.STORAGE_VOL_LOOKUP_BY_NAME, [pool, string], readVol),
  storageVolLookupByPath: call(Proc.STORAGE_VOL_LOOKUP_BY_PATH, [string], readVol),
  storageVolGetInfo: call(Proc.STORAGE_VOL_GET_INFO, [volume], readStorageVolInfo),
  storageVolGetPath: call(Proc.STORAGE_VOL_GET_PATH, [volume], str),
  storageVolGetXmlDesc: call(Proc.STORAGE_VOL_GET_XML_DESC, [volume, flags], str),
  storageVolDelete: call(Proc.STORAGE_VOL_DELETE, [volume, flags], none, { ...long, changes: ([v]) => volChanged(v) }),
  /** New capacity in bytes: (vol, capacity, flags: StorageVolResizeFlags). */
  storageVolResize: call(Proc.STORAGE_VOL_RESIZE, [volume, uhyper, flags], none, { ...long, changes: ([v]) => volChanged(v) }),
  /** Overwrites the volume's data with zeros. */
  storageVolWipe: call(Proc.STORAGE_VOL_WIPE, [volume, flags], none, { ...long, changes: ([v]) => volChanged(v) }),
  /** Writable stream into the volume (end it with `await stream.finish()`): (vol, offset, length (0: to the end), flags). */
  storageVolUpload: stream(Proc.STORAGE_VOL_UPLOAD, 'write', [volume, uhyper, uhyper, flags]),
  /** Readable stream of the volume's bytes: (vol, offset, length (0: to the end), flags). */
  storageVolDownload: stream(Proc.STORAGE_VOL_DOWNLOAD, 'read', [volume, uhyper, uhyper, flags]),

  // networks
  listAllNetworks: call(Proc.CONNECT_LIST_ALL_NETWORKS, [listFlags], arrayOf(readNetwork)),
  networkLookupByName: call(Proc.NETWORK_LOOKUP_BY_NAME, [string], readNetwork),
  networkGetXmlDesc: call(Proc.NETWORK_GET_XML_DESC, [network, flags], str),
  networkDefineXml: call(Proc.NETWORK_DEFINE_XML, [string], readNetwork),
  /** Defines (or redefines) a network; flags: NetworkDefineFlags (libvirt 7.7+). */
  networkDefineXmlFlags: call(Proc.NETWORK_DEFINE_XML_FLAGS, [string, flags], readNetwork),
  /** Starts a defined network. */
  networkCreate: call(Proc.NETWORK_CREATE, [network], none),
  /** Stops a network. */
  networkDestroy: call(Proc.NETWORK_DESTROY, [network], none),
  networkUndefine: call(Proc.NETWORK_UNDEFINE, [network], none),
  networkGetAutostart: call(Proc.NETWORK_GET_AUTOSTART, [network], intBool),
  networkSetAutostart: call(Proc.NETWORK_SET_AUTOSTART, [network, bool], none, { changes: ([n]) => ({ kind: 'network', name: n.name }) }),
  networkIsActive: call(Proc.NETWORK_IS_ACTIVE, [network], intBool),
  networkIsPersistent: call(Proc.NETWORK_IS_PERSISTENT, [network], intBool),
  /** Current DHCP leases of the network: (net, mac (only that client) or null, flags). */
  networkGetDhcpLeases: call(Proc.NETWORK_GET_DHCP_LEASES, [network, optionalString, listFlags], listWithCount(readNetworkDhcpLease)),
} as const;

type Method<D> =
  D extends CallDef<infer C, infer R>
    ? (...args: Params<C>) => Promise<R>
    : D extends StreamDef<infer C>
      ? (...args: Params<C>) => Promise<LibvirtStream>
      : never;

/** Every procedure of the table as a typed method. */
export type LibvirtApi = { -readonly [K in keyof typeof PROCEDURES]: Method<(typeof PROCEDURES)[K]> };

/** What the table's methods need from a connection. */
export interface ProcedureCaller {
  readonly callTimeoutMs: number;
  call<T>(
    proc: number,
    encodeArgs: ((w: XdrWriter) => void) | null,
    decodeRet: Decode<T>,
    opts: { timeoutMs?: number; program?: { prog: number; vers: number }; changes?: (ret: T) => ResourceRef },
  ): Promise<T>;
  openStream(mode: StreamMode, proc: number, encodeArgs: (w: XdrWriter) => void): Promise<LibvirtStream>;
}

/** The table's methods over one connection. */
export function bindApi(caller: ProcedureCaller): LibvirtApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, def] of Object.entries(PROCEDURES) as Array<[string, CallDef<readonly AnyArg[], unknown> | StreamDef<readonly AnyArg[]>]>) {
    api[name] = (...args) => {
      const encode = (w: XdrWriter) => def.args.forEach((a, i) => a.encode(w, args[i]));
      if ('stream' in def) return caller.openStream(def.stream, def.proc, encode);
      const params = args as Params<readonly AnyArg[]>;
      return caller.call(def.proc, def.args.length ? encode : null, def.ret, {
        timeoutMs: def.long ? 0 : def.timeout?.(params, caller.callTimeoutMs),
        program: def.program,
        changes: def.changes && ((ret) => def.changes!(params, ret)),
      });
    };
  }
  return api as unknown as LibvirtApi;
}
