// The one API between the UI and the core: call name → input/output schemas. The preload, the main-process
// router, the loopback web API and the renderer client are all derived from this object.
import { z } from 'zod';
import {
  hostConfig,
  hostInfo,
  hostKeyProbe,
  hostName,
  sshTarget,
  storedEvent,
  taskInfo,
  taskStarted,
  vmAction,
  vmInfo,
  vmRef,
  vmStats,
} from './schemas.js';
import {
  flavor,
  imageAddInput,
  imageInfo,
  ipamConfig,
  ipamSettings,
  ipamView,
  knownImage,
  launchDraft,
  launchPreview,
  launchResult,
  launchSpec,
  launchValidation,
} from './instance-schemas.js';
import { hostStats, metricHistory } from './monitor-schemas.js';
import {
  evacuateResult,
  evacuateSpec,
  imageCopyResult,
  imageCopySpec,
  migrateResult,
  migrateSpec,
  volumeCopyResult,
  volumeCopySpec,
} from './migration-schemas.js';
import { snapshotCreateSpec, snapshotInfo, snapshotName } from './snapshot-schemas.js';
import { bridgeCreateSpec, bridgeInfo, bridgeTxn, bridgeTxnId, hostNetworkInfo, ifName } from './bridge-schemas.js';
import {
  discoverablePoolType,
  hostPath,
  poolAction,
  poolDefineOptions,
  poolDeletePlan,
  poolInfo,
  poolRef,
  poolSourceCandidate,
  poolSpec,
  transferResult,
  volumeCreateOptions,
  volumeInfo,
  volumeRef,
} from './storage-schemas.js';
import { NETWORK_ACTIONS } from '../model/network.js';
import { networkInfo, networkLease, networkName, networkSpec } from './network-schemas.js';
import type { ErrorReport } from '../model/errors.js';
import { errorReport } from './error-schema.js';
import {
  addNicInput,
  attachDiskInput,
  detachDiskInput,
  hardwareView,
  hwChangeResult,
  removeNicInput,
  setBootInput,
  setCdromInput,
  setNicLinkInput,
  setResourcesInput,
} from './hardware-schemas.js';

const none = z.object({}).strict();

/**
 * A long call: it answers `{taskId}` at once; progress, steps and `result` (or the error's code) follow as `task`
 * events with that id (shared/model/task.ts).
 */
function taskCall<I extends z.ZodType, R extends z.ZodType>(input: I, result: R) {
  return { input, output: taskStarted, result, task: true } as const;
}

export const contract = {
  'hosts.list': { input: none, output: z.array(hostInfo) },
  /**
   * Connects far enough to read the SSH host key; nothing is stored. A task: an SSH connect may take its timeout.
   * `host`: a configured host being edited, whose known_hosts file is used when none is given.
   */
  'hosts.probeKey': taskCall(z.object({ ssh: sshTarget, knownHostsFile: z.string().optional(), host: hostName.optional() }).strict(), hostKeyProbe),
  /**
   * Adds and connects a host (a task: the connect may take its timeout). An unknown host key is accepted only if
   * it equals acceptFingerprint.
   */
  'hosts.add': taskCall(z.object({ config: hostConfig, acceptFingerprint: z.string().optional() }).strict(), hostInfo),
  /**
   * Connects the named hosts (or every one) now and waits until each is online or has failed once; with
   * `supervise`, keeps reconnecting them afterwards. (The app connects every host in the background; the CLI
   * connects only what a command needs.) A task: a host that does not answer takes the SSH timeout.
   */
  'hosts.connect': taskCall(z.object({ names: z.array(hostName).optional(), supervise: z.boolean().optional() }).strict(), z.array(hostInfo)),
  /**
   * New connection settings and/or name for a host (its VMs, history and IPAM follow); kept only when they connect
   * (a task, like add).
   */
  'hosts.update': taskCall(z.object({ name: hostName, config: hostConfig, acceptFingerprint: z.string().optional() }).strict(), hostInfo),
  'hosts.remove': { input: z.object({ name: hostName }).strict(), output: z.null() },
  /** A round trip to the host's libvirt (a task: a stalled link answers only when its keepalive gives up). */
  'hosts.test': taskCall(
    z.object({ name: hostName }).strict(),
    z.object({
      ok: z.boolean(),
      hostname: z.string().nullable(),
      libvirtVersion: z.string().nullable(),
      channel: z.string().nullable(),
      latencyMs: z.number().nullable(),
      error: errorReport.nullable(),
    }),
  ),
  /** Non-wildcard Host aliases from ~/.ssh/config, for the add-host wizard. */
  'hosts.sshAliases': { input: none, output: z.array(z.string()) },
  /**
   * When this machine runs libvirtd and no local host is configured yet: the socket to offer as the first host
   * (as virt-manager does), else null.
   */
  'hosts.localCandidate': {
    input: none,
    output: z.object({ socket: z.string(), uri: z.string(), suggestedName: z.string() }).nullable(),
  },
  /** Public keys found in ~/.ssh (file names), for pickers. */
  'hosts.localKeys': { input: none, output: z.array(z.string()) },

  'vms.list': { input: z.object({ host: hostName.optional() }).strict(), output: z.array(vmInfo) },
  /** "Refresh host": every domain of the host re-read now; its VMs after. */
  'vms.refreshHost': { input: z.object({ host: hostName }).strict(), output: z.array(vmInfo) },
  /**
   * A shutdown's task ends when the VM is off, or fails with vm.shutdown-ignored after `waitSec` (default
   * SHUTDOWN_WAIT_SEC); other actions end when libvirt has done them.
   */
  'vms.action': taskCall(
    z.object({ ref: vmRef, action: vmAction, waitSec: z.number().int().min(1).max(3600).optional() }).strict(),
    z.null(),
  ),
  /** Its result: the volumes deleted with the VM (withStorage), and those kept (no libvirt volumes). */
  'vms.delete': taskCall(
    z.object({ ref: vmRef, withStorage: z.boolean() }).strict(),
    z.object({ deletedVolumes: z.array(z.string()), keptVolumes: z.array(z.string()) }),
  ),
  'vms.rename': {
    input: z.object({ ref: vmRef, newName: z.string().min(1).max(200) }).strict(),
    output: z.null(),
  },
  'vms.setAutostart': { input: z.object({ ref: vmRef, autostart: z.boolean() }).strict(), output: z.null() },
  'vms.setLocked': { input: z.object({ ref: vmRef, locked: z.boolean() }).strict(), output: z.null() },
  'vms.xml': { input: z.object({ ref: vmRef, inactive: z.boolean().optional() }).strict(), output: z.string() },
  /** The VM's persistent definition and (running) its live one, for the Hardware tab. */
  'vms.hardware': { input: z.object({ ref: vmRef }).strict(), output: hardwareView },
  /** vCPUs and memory (current and maximum; maximums go to the config only). */
  'vms.setResources': { input: setResourcesInput, output: hwChangeResult },
  /** Tasks: a new volume is created first, and a hot-unplug waits for the guest to let go of the disk. */
  'vms.attachDisk': taskCall(attachDiskInput, hwChangeResult.extend({ target: z.string() })),
  /** With deleteVolume, refused before anything changes while anything else uses the volume. */
  'vms.detachDisk': taskCall(detachDiskInput, hwChangeResult),
  'vms.setCdrom': { input: setCdromInput, output: hwChangeResult },
  /** On a network with IPAM the NIC holds an address (freed when the NIC is removed). */
  'vms.addNic': { input: addNicInput, output: hwChangeResult.extend({ mac: z.string(), ip: z.string().nullable() }) },
  'vms.removeNic': { input: removeNicInput, output: hwChangeResult },
  'vms.setNicLink': { input: setNicLinkInput, output: hwChangeResult },
  /** Boot order and menu: the config (a running VM gets them at its next boot). */
  'vms.setBoot': { input: setBootInput, output: hwChangeResult },
  'vms.events': {
    input: z.object({ ref: vmRef, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(storedEvent),
  },

  /**
   * Moves a VM to another host (live when it runs): prechecks refuse with their code before anything changes; the
   * task shows the job's progress; cancel or failure leaves the VM on its host and the target clean.
   */
  'migration.migrate': taskCall(migrateSpec, migrateResult),
  /** Moves every running (optionally every) VM of a host to the others, most free memory first; one step per VM. */
  'migration.evacuate': taskCall(evacuateSpec, evacuateResult),
  /** Copies a volume to another host's pool through VirtDeck (SHA-256 checked); the source stays. */
  'migration.copyVolume': taskCall(volumeCopySpec, volumeCopyResult),
  /** Copies a registered image to another host (same pool and name) and registers it there. */
  'migration.copyImage': taskCall(imageCopySpec, imageCopyResult),

  'stats.refresh': {
    input: z.object({ host: hostName.optional() }).strict(),
    output: z.array(z.object({ host: z.string(), at: z.string(), stats: z.array(vmStats) })),
  },
  /** The host's card (CPU %, memory, pools, VMs by state, versions, uptime, load), or every online host's. */
  'monitor.hostStats': { input: z.object({ host: hostName.optional() }).strict(), output: z.array(hostStats) },
  /** One metrics tick (one bulk stats call per online host, or the named one) written to the history. */
  'monitor.record': {
    input: z.object({ host: hostName.optional() }).strict(),
    output: z.object({ hosts: z.number(), samples: z.number() }),
  },
  /**
   * A host's (no vm) or VM's (name or UUID) history over the last `sinceSeconds` (up to a year), from the finest
   * tier that holds it: 10 s up to a day, 5 min up to 30 days, else 1 h.
   */
  'monitor.history': {
    input: z.object({ host: hostName, vm: z.string().min(1).optional(), sinceSeconds: z.number().int().min(60).max(366 * 86_400) }).strict(),
    output: metricHistory,
  },

  /** Pools of one host, or of every online host, with capacity / allocation / available. */
  'pools.list': { input: z.object({ host: hostName.optional() }).strict(), output: z.array(poolInfo) },
  /** NFS exports of a server, LVM volume groups, iSCSI targets the host can see. */
  /** A task: the host asks `sourceHost` (showmount, iSCSI discovery), which may take its own timeouts. */
  'pools.discover': taskCall(
    z.object({ host: hostName, type: discoverablePoolType, sourceHost: z.string().min(1).max(253).optional() }).strict(),
    z.array(poolSourceCandidate),
  ),
  /** Every check pools.define makes (spec, clashes, host paths); changes nothing. Errors come back as the call's error. */
  'pools.check': { input: z.object({ host: hostName, spec: poolSpec, build: z.boolean() }).strict(), output: z.null() },
  /** A task: define, then optionally build, start and autostart; all or nothing. */
  'pools.define': taskCall(z.object({ host: hostName, spec: poolSpec, options: poolDefineOptions }).strict(), poolInfo),
  'pools.action': taskCall(poolRef.extend({ action: poolAction }).strict(), poolInfo),
  'pools.setAutostart': { input: poolRef.extend({ autostart: z.boolean() }).strict(), output: poolInfo },
  /** What pools.delete would destroy and keep, in one statement, without doing it. */
  'pools.deletePlan': { input: poolRef.extend({ deleteData: z.boolean() }).strict(), output: poolDeletePlan },
  'pools.delete': taskCall(poolRef.extend({ deleteData: z.boolean() }).strict(), poolDeletePlan),
  /** Volumes of a running pool, each with its backing chain. */
  'volumes.list': { input: poolRef, output: z.array(volumeInfo) },
  /** qcow2/raw with preallocation; with `backing`, a linked clone (qcow2 overlay). */
  'volumes.create': taskCall(poolRef.extend({ options: volumeCreateOptions }).strict(), volumeInfo),
  /** Full copy under a new name in the same pool (a task). */
  'volumes.clone': taskCall(volumeRef.extend({ newName: z.string().min(1).max(255) }).strict(), volumeInfo),
  'volumes.resize': taskCall(
    volumeRef.extend({ capacity: z.number().int().min(1), shrink: z.boolean().optional(), overcommit: z.boolean().optional() }).strict(),
    volumeInfo,
  ),
  'volumes.delete': taskCall(volumeRef, z.null()),
  /**
   * Uploads a file of the machine running the core into the volume (a task with progress; created when missing).
   * The browser stages its file through the web API's /transfer endpoint first and passes the staged path.
   */
  'volumes.upload': taskCall(volumeRef.extend({ file: hostPath }).strict(), transferResult.extend({ created: z.boolean() })),
  /** Downloads the volume into a new local file (a task with progress); never overwrites. */
  'volumes.download': taskCall(volumeRef.extend({ file: hostPath }).strict(), transferResult),

  /** Virtual networks of one host, or of every online host. */
  'networks.list': { input: z.object({ host: hostName.optional() }).strict(), output: z.array(networkInfo) },
  /** Every check networks.define makes (spec, name, overlapping ranges); changes nothing. */
  'networks.check': { input: z.object({ host: hostName, spec: networkSpec }).strict(), output: z.null() },
  'networks.define': taskCall(z.object({ host: hostName, spec: networkSpec, start: z.boolean().optional() }).strict(), networkInfo),
  'networks.action': taskCall(z.object({ host: hostName, name: networkName, action: z.enum(NETWORK_ACTIONS) }).strict(), networkInfo),
  'networks.setAutostart': { input: z.object({ host: hostName, name: networkName, autostart: z.boolean() }).strict(), output: networkInfo },
  /** DHCP leases the network's dnsmasq handed out. */
  'networks.leases': { input: z.object({ host: hostName, name: networkName }).strict(), output: z.array(networkLease) },
  /** Stops the network if it runs and removes its definition. */
  'networks.delete': taskCall(z.object({ host: hostName, name: networkName }).strict(), z.null()),

  /** A VM's snapshots (tree: parent/children; one is current), oldest first. */
  'snapshots.list': { input: z.object({ ref: vmRef }).strict(), output: z.array(snapshotInfo) },
  /** internal: with memory when the VM runs; external: disk-only overlays. A name that exists is refused. */
  'snapshots.create': taskCall(z.object({ ref: vmRef, spec: snapshotCreateSpec }).strict(), snapshotInfo),
  /** External snapshots are reverted by VirtDeck; start defaults to the VM's state before the revert. */
  'snapshots.revert': taskCall(z.object({ ref: vmRef, name: snapshotName, start: z.boolean().optional() }).strict(), snapshotInfo),
  /** External: the overlay is merged back (block commit) before the metadata goes. */
  'snapshots.delete': taskCall(z.object({ ref: vmRef, name: snapshotName }).strict(), z.null()),

  /** The host's network stack and NICs (which one carries the SSH session), for the bridge wizard. */
  'bridges.detect': { input: z.object({ host: hostName }).strict(), output: hostNetworkInfo },
  'bridges.list': { input: z.object({ host: hostName }).strict(), output: z.array(bridgeInfo) },
  /** Applies with a rollback timer on the host; returns the applied change, which must be confirmed in time. */
  'bridges.create': taskCall(z.object({ host: hostName, spec: bridgeCreateSpec }).strict(), bridgeTxn),
  /** Reconnects (a fresh exec on the host) and stops the rollback timer; says confirmed or rolled-back. A task. */
  'bridges.confirm': taskCall(z.object({ host: hostName, id: bridgeTxnId }).strict(), bridgeTxn),
  /** The state of an applied change (applied, confirmed, rolled-back, …), read on the host. */
  'bridges.status': { input: z.object({ host: hostName, id: bridgeTxnId }).strict(), output: bridgeTxn },
  /** Takes a one-port bridge apart (address back to the NIC), with the same safe apply. */
  'bridges.delete': taskCall(
    z.object({ host: hostName, name: ifName, rollbackSeconds: z.number().int().min(5).max(3600).optional() }).strict(),
    bridgeTxn,
  ),

  /** Images registered on one host, or on every host; format and sizes read live from the host. */
  'images.list': { input: z.object({ host: hostName.optional() }).strict(), output: z.array(imageInfo) },
  /** Common cloud images (Debian, Ubuntu, Fedora, …) with their URLs and default users. */
  'images.known': { input: none, output: z.array(knownImage) },
  /** Upload (task with progress), host download (task), or adopt a volume; a SHA-256 mismatch keeps nothing. */
  'images.add': taskCall(imageAddInput, imageInfo),
  /** Forgets an image; with deleteVolume its volume goes too. */
  'images.remove': {
    input: z.object({ host: hostName, name: z.string().min(1), deleteVolume: z.boolean() }).strict(),
    output: z.null(),
  },
  'flavors.list': { input: none, output: z.array(flavor) },
  /** Adds a flavor or changes one (defaults included). */
  'flavors.add': { input: flavor.strict(), output: flavor },
  'flavors.remove': { input: z.object({ name: z.string().min(1) }).strict(), output: z.null() },
  'ipam.get': { input: z.object({ host: hostName, network: z.string().min(1) }).strict(), output: ipamConfig.nullable() },
  'ipam.set': { input: z.object({ host: hostName, network: z.string().min(1), settings: ipamSettings }).strict(), output: ipamConfig },
  'ipam.remove': { input: z.object({ host: hostName, network: z.string().min(1) }).strict(), output: z.null() },
  /** Every address of the range with its state and who holds it (inventory, guest agent, DHCP lease, reservation). */
  'ipam.describe': { input: z.object({ host: hostName, network: z.string().min(1) }).strict(), output: ipamView },
  /** The address IPAM reserved for a VM at its launch (guest SSH falls back to it), or null. */
  'ipam.vmAddress': { input: z.object({ ref: vmRef }).strict(), output: z.string().nullable() },
  /** Live validation for the wizard: every problem with its field, and the plan when there is none. Creates nothing. */
  'instances.validate': { input: z.object({ spec: launchDraft }).strict(), output: launchValidation },
  /** The generated user-data, meta-data, network-config and domain XML. */
  'instances.preview': { input: z.object({ spec: launchSpec }).strict(), output: launchPreview },
  /** A task with steps clone, seed, define, boot, cloud-init; rolls back on failure. */
  'instances.launch': taskCall(z.object({ spec: launchSpec }).strict(), launchResult),

  'tasks.list': { input: none, output: z.array(taskInfo) },
  'tasks.cancel': { input: z.object({ id: z.string() }).strict(), output: z.null() },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What the call answers over the wire: `{taskId}` for a task call. */
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

/** The calls marked as tasks (taskCall). */
export type TaskCallName = { [K in CallName]: Contract[K] extends { task: true } ? K : never }[CallName];
/** What a task call's task ends with. */
export type TaskResult<K extends TaskCallName> = Contract[K] extends { result: infer R extends z.ZodType } ? z.output<R> : never;
/** What a call finally yields: the task's result for a task call, else its output. */
export type CallValue<K extends CallName> = K extends TaskCallName ? TaskResult<K> : CallOutput<K>;

export function isTaskCall(name: CallName): name is TaskCallName {
  return 'task' in contract[name];
}

/** What the renderer sees (window.api / web API client). */
export type Api = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/** A call's answer: its value, or an error of the closed list (shared/model/errors.ts) for the front end to word. */
export type CallResult<T> = { ok: true; value: T } | ({ ok: false } & ErrorReport);
