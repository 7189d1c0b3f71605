// The one API between the UI and the core: call name → input/output schemas. The preload, the main-process
// router, the loopback web API and the renderer client are all derived from this object.
import { z } from 'zod';
import { lazySchema, lazyCalls } from './lazy-schema.js';
import { xmlDefineInput, xmlDefineResult, xmlObject } from './xml-schemas.js';
import {
  hostConfig,
  hostConfigDraft,
  hostInfo,
  hostKeyProbe,
  hostName,
  sshTarget,
  storedEvent,
  taskInfo,
  taskStarted,
  vmAction,
  vmInfo,
  factColumn,
  vmRef,
  vmStats,
} from './schemas.js';
import {
  flavor,
  imageAddInput,
  imageInfo,
  ipamConfig,
  ipamDraft,
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
import { hostCaps, osList, vmCreateSpec, vmCreateValidation, vmCreateResult } from './new-vm-schemas.js';
import { alertRecord, alertRule, alertTarget, alertTargetSpec } from './alert-schemas.js';
import { auditExport, auditFilter, auditList } from './audit-schemas.js';
import { screenshotInput, screenshotResult } from './screenshot-schemas.js';
import { grantCreateSpec, grantCreated, grantId, grantInfo, grantListFilter, grantOpenSpec, supportSession, supportSessionId } from './grant-schemas.js';
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
import { cloneResult, cloneSpec } from './clone-schemas.js';
import { sheetExportInput, sheetExportResult, sheetFileInput, sheetPlan, sheetTable } from './sheet-schemas.js';
import { snapshotCreateSpec, snapshotInfo, snapshotName } from './snapshot-schemas.js';
import { bulkPreview, bulkResult, bulkRunInput, bulkSelection, bulkSpec } from './bulk-schemas.js';
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
  moveNicInput,
  removeNicInput,
  setBootInput,
  setCdromInput,
  setDevicesInput,
  setNicLinkInput,
  setResourcesInput,
} from './hardware-schemas.js';

const none = lazySchema(() => z.object({}).strict());

/**
 * A long call: it answers `{taskId}` at once; progress, steps and `result` (or the error's code) follow as `task`
 * events with that id (shared/model/task.ts).
 */
function taskCall<I extends z.ZodType, R extends z.ZodType>(input: I, result: R) {
  return { input, output: taskStarted, result, task: true } as const;
}

export const contract = lazyCalls({
  'hosts.list': () => ({ input: none, output: z.array(hostInfo) }),
  /**
   * Connects far enough to read the SSH host key; nothing is stored. A task: an SSH connect may take its timeout.
   * `host`: a configured host being edited, whose known_hosts file is used when none is given.
   */
  'hosts.probeKey': () => taskCall(z.object({ ssh: sshTarget, knownHostsFile: z.string().optional(), host: hostName.optional() }).strict(), hostKeyProbe),
  /** The problems of a host's settings that need no connection (name taken, SSH host, user, identity file, URI), each naming its field. */
  'hosts.check': () => ({ input: z.object({ config: hostConfigDraft, editing: hostName.optional() }).strict(), output: z.array(errorReport) }),
  /**
   * Adds and connects a host (a task: the connect may take its timeout). An unknown host key is accepted only if
   * it equals acceptFingerprint.
   */
  'hosts.add': () => taskCall(z.object({ config: hostConfig, acceptFingerprint: z.string().optional() }).strict(), hostInfo),
  /**
   * Connects the named hosts (or every one) now and waits until each is online or has failed once; with
   * `supervise`, keeps reconnecting them afterwards. (The app connects every host in the background; the CLI
   * connects only what a command needs.) A task: a host that does not answer takes the SSH timeout.
   */
  'hosts.connect': () => taskCall(z.object({ names: z.array(hostName).optional(), supervise: z.boolean().optional() }).strict(), z.array(hostInfo)),
  /**
   * New connection settings and/or name for a host (its VMs, history and IPAM follow); kept only when they connect
   * (a task, like add).
   */
  'hosts.update': () => taskCall(z.object({ name: hostName, config: hostConfig, acceptFingerprint: z.string().optional() }).strict(), hostInfo),
  'hosts.remove': () => ({ input: z.object({ name: hostName }).strict(), output: z.null() }),
  /** A round trip to the host's libvirt (a task: a stalled link answers only when its keepalive gives up). */
  'hosts.test': () => taskCall(
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
  'hosts.sshAliases': () => ({ input: none, output: z.array(z.string()) }),
  /**
   * When this machine runs libvirtd and no local host is configured yet: the socket to offer as the first host
   * (as virt-manager does), else null.
   */
  'hosts.localCandidate': () => ({
    input: none,
    output: z.object({ socket: z.string(), uri: z.string(), suggestedName: z.string() }).nullable(),
  }),
  /** Public keys found in ~/.ssh (file names), for pickers. */
  'hosts.localKeys': () => ({ input: none, output: z.array(z.string()) }),

  'vms.list': () => ({ input: z.object({ host: hostName.optional() }).strict(), output: z.array(vmInfo) }),
  /** "Refresh host": every domain of the host re-read now; its VMs after. */
  'vms.refreshHost': () => ({ input: z.object({ host: hostName }).strict(), output: z.array(vmInfo) }),
  /**
   * A shutdown's task ends when the VM is off, or fails with vm.shutdown-ignored after `waitSec` (default
   * SHUTDOWN_WAIT_SEC); other actions end when libvirt has done them.
   */
  'vms.action': () => taskCall(
    z.object({ ref: vmRef, action: vmAction, waitSec: z.number().int().min(1).max(3600).optional() }).strict(),
    z.null(),
  ),
  /** Its result: the volumes deleted with the VM (withStorage), and those kept (no libvirt volumes). */
  'vms.delete': () => taskCall(
    z.object({ ref: vmRef, withStorage: z.boolean() }).strict(),
    z.object({ deletedVolumes: z.array(z.string()), keptVolumes: z.array(z.string()) }),
  ),
  'vms.rename': () => ({
    input: z.object({ ref: vmRef, newName: z.string().min(1).max(200) }).strict(),
    output: z.null(),
  }),
  /** A running VM is copied from its disks frozen under temporary overlays; cancel or failure leaves nothing on either host. */
  'vms.clone': () => taskCall(cloneSpec, cloneResult),
  'vms.setAutostart': () => ({ input: z.object({ ref: vmRef, autostart: z.boolean() }).strict(), output: z.null() }),
  'vms.setLocked': () => ({ input: z.object({ ref: vmRef, locked: z.boolean() }).strict(), output: z.null() }),
  // A VM's facts live on its host (domain metadata); each answers the VM as read back. Refused while the host is offline.
  'vms.setTags': () => ({
    input: z.object({ ref: vmRef, add: z.array(z.string()).max(256), remove: z.array(z.string()).max(256) }).strict(),
    output: vmInfo,
  }),
  /** null or '' clears. */
  'vms.setOwner': () => ({ input: z.object({ ref: vmRef, owner: z.string().nullable() }).strict(), output: vmInfo }),
  /** '' clears. */
  'vms.setNotes': () => ({ input: z.object({ ref: vmRef, notes: z.string() }).strict(), output: vmInfo }),
  /** The value of a defined custom column; '' clears. */
  'vms.setField': () => ({ input: z.object({ ref: vmRef, column: z.string(), value: z.string() }).strict(), output: vmInfo }),
  /** The custom columns this install defines (values live on the VMs). */
  'vms.columns': () => ({ input: none, output: z.array(factColumn) }),
  'vms.defineColumn': () => ({ input: factColumn, output: z.array(factColumn) }),
  'vms.removeColumn': () => ({ input: z.object({ name: z.string() }).strict(), output: z.array(factColumn) }),
  /** Every VM of the inventory as one sheet (an online host's disks with their pool, volume and size). */
  'sheet.table': () => ({ input: none, output: sheetTable }),
  /** Writes sheet.table as CSV (RFC 4180, formula-like cells protected) or XLSX to the file. */
  'sheet.export': () => ({ input: sheetExportInput, output: sheetExportResult }),
  /** What importing the sheet would change (facts per VM, IPAM reservations) and its conflicts; changes nothing. */
  'sheet.preview': () => ({ input: sheetFileInput, output: sheetPlan }),
  /** Makes the previewed changes, VM by VM: one that fails (its host gone) is reported with its error and the rest
   *  go on. Refused with sheet.conflicts, nothing changed, while the sheet has any conflict. */
  'sheet.apply': () => ({ input: sheetFileInput, output: sheetPlan }),
  'vms.xml': () => ({ input: z.object({ ref: vmRef, inactive: z.boolean().optional() }).strict(), output: z.string() }),
  /** The running VM's screen as a PNG into a new local file (the front end picks it); answers its size. */
  'vms.screenshot': () => ({ input: screenshotInput, output: screenshotResult }),
  /** The persistent definition of a domain, pool, volume or network, as the XML editor opens it. */
  'xml.read': () => ({ input: z.object({ target: xmlObject }).strict(), output: z.string() }),
  /** Defines an edited (or new) definition with libvirt's schema validation; a refusal changes nothing. */
  'xml.define': () => ({ input: xmlDefineInput, output: xmlDefineResult }),
  /** The VM's persistent definition and (running) its live one, for the Hardware tab. */
  'vms.hardware': () => ({ input: z.object({ ref: vmRef }).strict(), output: hardwareView }),
  /** vCPUs and memory (current and maximum; maximums go to the config only). */
  'vms.setResources': () => ({ input: setResourcesInput, output: hwChangeResult }),
  /** Tasks: a new volume is created first, and a hot-unplug waits for the guest to let go of the disk. */
  'vms.attachDisk': () => taskCall(attachDiskInput, hwChangeResult.extend({ target: z.string() })),
  /** With deleteVolume, refused before anything changes while anything else uses the volume. */
  'vms.detachDisk': () => taskCall(detachDiskInput, hwChangeResult),
  'vms.setCdrom': () => ({ input: setCdromInput, output: hwChangeResult }),
  /** On a network with IPAM the NIC holds an address (freed when the NIC is removed). */
  'vms.addNic': () => ({ input: addNicInput, output: hwChangeResult.extend({ mac: z.string(), ip: z.string().nullable() }) }),
  'vms.removeNic': () => ({ input: removeNicInput, output: hwChangeResult }),
  'vms.setNicLink': () => ({ input: setNicLinkInput, output: hwChangeResult }),
  /** Another network or host bridge (live where libvirt can reconnect the NIC); the IPAM address follows. */
  'vms.moveNic': () => ({ input: moveNicInput, output: hwChangeResult.extend({ ip: z.string().nullable() }) }),
  /** Graphics and serial change in the config; the agent channel is hot-plugged where libvirt can. */
  'vms.setDevices': () => ({ input: setDevicesInput, output: hwChangeResult }),
  /** Boot order and menu: the config (a running VM gets them at its next boot). */
  'vms.setBoot': () => ({ input: setBootInput, output: hwChangeResult }),
  'vms.events': () => ({
    input: z.object({ ref: vmRef, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(storedEvent),
  }),

  /**
   * Moves a VM to another host (live when it runs): prechecks refuse with their code before anything changes; the
   * task shows the job's progress; cancel or failure leaves the VM on its host and the target clean.
   */
  'migration.migrate': () => taskCall(migrateSpec, migrateResult),
  /** Moves every running (optionally every) VM of a host to the others, most free memory first; one step per VM. */
  'migration.evacuate': () => taskCall(evacuateSpec, evacuateResult),
  /** Copies a volume to another host's pool through VirtDeck (SHA-256 checked); the source stays. */
  'migration.copyVolume': () => taskCall(volumeCopySpec, volumeCopyResult),
  /** Copies a registered image to another host (same pool and name) and registers it there. */
  'migration.copyImage': () => taskCall(imageCopySpec, imageCopyResult),

  'stats.refresh': () => ({
    input: z.object({ host: hostName.optional() }).strict(),
    output: z.array(z.object({ host: z.string(), at: z.string(), stats: z.array(vmStats) })),
  }),
  /** The host's card (CPU %, memory, pools, VMs by state, versions, uptime, load), or every online host's. */
  'monitor.hostStats': () => ({ input: z.object({ host: hostName.optional() }).strict(), output: z.array(hostStats) }),
  /** One metrics tick (one bulk stats call per online host, or the named one) written to the history. */
  'monitor.record': () => ({
    input: z.object({ host: hostName.optional() }).strict(),
    output: z.object({ hosts: z.number(), samples: z.number() }),
  }),
  /**
   * A host's (no vm) or VM's (name or UUID) history over the last `sinceSeconds` (up to a year), from the finest
   * tier that holds it: 10 s up to a day, 5 min up to 30 days, else 1 h.
   */
  'monitor.history': () => ({
    input: z.object({ host: hostName, vm: z.string().min(1).optional(), sinceSeconds: z.number().int().min(60).max(366 * 86_400) }).strict(),
    output: metricHistory,
  }),

  /** Every alert rule with its setting (the defaults until set). */
  'alerts.rules': () => ({ input: none, output: z.array(alertRule) }),
  /** Turns a rule on or off and sets its % threshold (pool-full, host-memory only); turning off clears its alerts. */
  'alerts.setRule': () => ({ input: alertRule, output: z.array(alertRule) }),
  'alerts.targets': () => ({ input: none, output: z.array(alertTarget) }),
  'alerts.addTarget': () => ({ input: z.object({ spec: alertTargetSpec }).strict(), output: alertTarget }),
  'alerts.removeTarget': () => ({ input: z.object({ id: z.number().int() }).strict(), output: z.null() }),
  /** Sends a test message to the target now; its error when it could not. */
  'alerts.testTarget': () => ({ input: z.object({ id: z.number().int() }).strict(), output: z.null() }),
  /** Alerts, newest first (firing and cleared; `firing`: only those firing now). */
  'alerts.history': () => ({
    input: z.object({ limit: z.number().int().min(1).max(10_000).optional(), firing: z.boolean().optional() }).strict(),
    output: z.array(alertRecord),
  }),
  /** Checks the level rules (pool fill, host memory, addresses) of every online host now; answers the alerts firing. */
  'alerts.check': () => ({ input: none, output: z.array(alertRecord) }),

  /** Pools of one host, or of every online host, with capacity / allocation / available. */
  'pools.list': () => ({ input: z.object({ host: hostName.optional() }).strict(), output: z.array(poolInfo) }),
  /** NFS exports of a server, LVM volume groups, iSCSI targets the host can see. */
  /** A task: the host asks `sourceHost` (showmount, iSCSI discovery), which may take its own timeouts. */
  'pools.discover': () => taskCall(
    z.object({ host: hostName, type: discoverablePoolType, sourceHost: z.string().min(1).max(253).optional() }).strict(),
    z.array(poolSourceCandidate),
  ),
  /** Every check pools.define makes (spec, clashes, host paths); changes nothing. Errors come back as the call's error. */
  'pools.check': () => ({ input: z.object({ host: hostName, spec: poolSpec, build: z.boolean() }).strict(), output: z.null() }),
  /** A task: define, then optionally build, start and autostart; all or nothing. */
  'pools.define': () => taskCall(z.object({ host: hostName, spec: poolSpec, options: poolDefineOptions }).strict(), poolInfo),
  'pools.action': () => taskCall(poolRef.extend({ action: poolAction }).strict(), poolInfo),
  'pools.setAutostart': () => ({ input: poolRef.extend({ autostart: z.boolean() }).strict(), output: poolInfo }),
  /** What pools.delete would destroy and keep, in one statement, without doing it. */
  'pools.deletePlan': () => ({ input: poolRef.extend({ deleteData: z.boolean() }).strict(), output: poolDeletePlan }),
  'pools.delete': () => taskCall(poolRef.extend({ deleteData: z.boolean() }).strict(), poolDeletePlan),
  /** Volumes of a running pool, each with its backing chain. */
  'volumes.list': () => ({ input: poolRef, output: z.array(volumeInfo) }),
  /** Every check volumes.create makes (name, size against the pool's free space, format, backing); creates nothing. */
  'volumes.check': () => ({ input: poolRef.extend({ options: volumeCreateOptions }).strict(), output: z.null() }),
  /** qcow2/raw with preallocation; with `backing`, a linked clone (qcow2 overlay). */
  'volumes.create': () => taskCall(poolRef.extend({ options: volumeCreateOptions }).strict(), volumeInfo),
  /** Full copy under a new name in the same pool (a task). */
  'volumes.clone': () => taskCall(volumeRef.extend({ newName: z.string().min(1).max(255) }).strict(), volumeInfo),
  'volumes.resize': () => taskCall(
    volumeRef.extend({ capacity: z.number().int().min(1), shrink: z.boolean().optional(), overcommit: z.boolean().optional() }).strict(),
    volumeInfo,
  ),
  'volumes.delete': () => taskCall(volumeRef, z.null()),
  /**
   * Uploads a file of the machine running the core into the volume (a task with progress; created when missing).
   * The browser stages its file through the web API's /transfer endpoint first and passes the staged path.
   */
  'volumes.upload': () => taskCall(volumeRef.extend({ file: hostPath }).strict(), transferResult.extend({ created: z.boolean() })),
  /** Downloads the volume into a new local file (a task with progress); never overwrites. */
  'volumes.download': () => taskCall(volumeRef.extend({ file: hostPath }).strict(), transferResult),

  /** Virtual networks of one host, or of every online host. */
  'networks.list': () => ({ input: z.object({ host: hostName.optional() }).strict(), output: z.array(networkInfo) }),
  /** Every check networks.define makes (spec, name, overlapping ranges); changes nothing. */
  'networks.check': () => ({ input: z.object({ host: hostName, spec: networkSpec }).strict(), output: z.null() }),
  'networks.define': () => taskCall(z.object({ host: hostName, spec: networkSpec, start: z.boolean().optional() }).strict(), networkInfo),
  'networks.action': () => taskCall(z.object({ host: hostName, name: networkName, action: z.enum(NETWORK_ACTIONS) }).strict(), networkInfo),
  'networks.setAutostart': () => ({ input: z.object({ host: hostName, name: networkName, autostart: z.boolean() }).strict(), output: networkInfo }),
  /** DHCP leases the network's dnsmasq handed out. */
  'networks.leases': () => ({ input: z.object({ host: hostName, name: networkName }).strict(), output: z.array(networkLease) }),
  /** Stops the network if it runs and removes its definition. */
  'networks.delete': () => taskCall(z.object({ host: hostName, name: networkName }).strict(), z.null()),

  /** A VM's snapshots (tree: parent/children; one is current), oldest first. */
  'snapshots.list': () => ({ input: z.object({ ref: vmRef }).strict(), output: z.array(snapshotInfo) }),
  /** Every check snapshots.create makes (name rule, name taken, overlays possible for external); creates nothing. */
  'snapshots.check': () => ({ input: z.object({ ref: vmRef, spec: snapshotCreateSpec }).strict(), output: z.null() }),
  /** internal: with memory when the VM runs; external: disk-only overlays. A name that exists is refused. */
  'snapshots.create': () => taskCall(z.object({ ref: vmRef, spec: snapshotCreateSpec }).strict(), snapshotInfo),
  /** External snapshots are reverted by VirtDeck; start defaults to the VM's state before the revert. */
  'snapshots.revert': () => taskCall(z.object({ ref: vmRef, name: snapshotName, start: z.boolean().optional() }).strict(), snapshotInfo),
  /** External: the overlay is merged back (block commit) before the metadata goes. */
  'snapshots.delete': () => taskCall(z.object({ ref: vmRef, name: snapshotName }).strict(), z.null()),

  /**
   * Which VMs a bulk action would touch (a filter in the VM table's language, or a selection), each with why it
   * would be skipped (its lock, its state, its host offline). Changes nothing; refuses a bad spec (tag, owner).
   */
  'bulk.preview': () => ({ input: z.object({ select: bulkSelection, spec: bulkSpec }).strict(), output: bulkPreview }),
  /**
   * One task, a step per VM: the previewed VMs, each checked again when its turn comes (a lock set meanwhile is
   * honoured). A VM that fails is in the result with its error; the rest go on.
   */
  'bulk.run': () => taskCall(bulkRunInput, bulkResult),

  /** The host's network stack and NICs (which one carries the SSH session), for the bridge wizard. */
  'bridges.detect': () => ({ input: z.object({ host: hostName }).strict(), output: hostNetworkInfo }),
  'bridges.list': () => ({ input: z.object({ host: hostName }).strict(), output: z.array(bridgeInfo) }),
  /** Applies with a rollback timer on the host; returns the applied change, which must be confirmed in time. */
  'bridges.create': () => taskCall(z.object({ host: hostName, spec: bridgeCreateSpec }).strict(), bridgeTxn),
  /** Reconnects (a fresh exec on the host) and stops the rollback timer; says confirmed or rolled-back. A task. */
  'bridges.confirm': () => taskCall(z.object({ host: hostName, id: bridgeTxnId }).strict(), bridgeTxn),
  /** The state of an applied change (applied, confirmed, rolled-back, …), read on the host. */
  'bridges.status': () => ({ input: z.object({ host: hostName, id: bridgeTxnId }).strict(), output: bridgeTxn }),
  /** Takes a one-port bridge apart (address back to the NIC), with the same safe apply. */
  'bridges.delete': () => taskCall(
    z.object({ host: hostName, name: ifName, rollbackSeconds: z.number().int().min(5).max(3600).optional() }).strict(),
    bridgeTxn,
  ),

  /** Images registered on one host, or on every host; format and sizes read live from the host. */
  'images.list': () => ({ input: z.object({ host: hostName.optional() }).strict(), output: z.array(imageInfo) }),
  /** Common cloud images (Debian, Ubuntu, Fedora, …) with their URLs and default users. */
  'images.known': () => ({ input: none, output: z.array(knownImage) }),
  /** Upload (task with progress), host download (task), or adopt a volume; a SHA-256 mismatch keeps nothing. */
  'images.add': () => taskCall(imageAddInput, imageInfo),
  /**
   * A template from a running VirtDeck instance: the guest is cleaned through its agent (cloud-init, machine-id, SSH
   * host keys) and shut down; its disk is copied, flattened and read-only, into the image `name` of its pool.
   */
  'images.template': () => taskCall(z.object({ ref: vmRef, name: z.string().min(1).max(100) }).strict(), imageInfo),
  /** Forgets an image; with deleteVolume its volume goes too. */
  'images.remove': () => ({
    input: z.object({ host: hostName, name: z.string().min(1), deleteVolume: z.boolean() }).strict(),
    output: z.null(),
  }),
  'flavors.list': () => ({ input: none, output: z.array(flavor) }),
  /** Adds a flavor or changes one (defaults included). */
  'flavors.add': () => ({ input: flavor.strict(), output: flavor }),
  'flavors.remove': () => ({ input: z.object({ name: z.string().min(1) }).strict(), output: z.null() }),
  'ipam.get': () => ({ input: z.object({ host: hostName, network: z.string().min(1) }).strict(), output: ipamConfig.nullable() }),
  /** Every problem ipam.set would find in these settings, each naming its field (none: set would store them). */
  'ipam.check': () => ({ input: z.object({ host: hostName, network: z.string().min(1), settings: ipamDraft }).strict(), output: z.array(errorReport) }),
  'ipam.set': () => ({ input: z.object({ host: hostName, network: z.string().min(1), settings: ipamSettings }).strict(), output: ipamConfig }),
  'ipam.remove': () => ({ input: z.object({ host: hostName, network: z.string().min(1) }).strict(), output: z.null() }),
  /** Every address of the range with its state and who holds it (inventory, guest agent, DHCP lease, reservation). */
  'ipam.describe': () => ({ input: z.object({ host: hostName, network: z.string().min(1) }).strict(), output: ipamView }),
  /**
   * Reserves an address by hand on the host that owns the network (compare-and-set there: two VirtDecks never both
   * get it): `ip` is an address or "auto" (the lowest free one); `note` says what it is for. Returns the address.
   */
  'ipam.reserve': () => ({
    input: z.object({ host: hostName, network: z.string().min(1), ip: z.string().min(1).max(64), note: z.string().max(1000) }).strict(),
    output: z.string(),
  }),
  /** Frees an address reserved by hand (a VM's address goes with its NIC or the VM). */
  'ipam.release': () => ({ input: z.object({ host: hostName, network: z.string().min(1), ip: z.string().min(1).max(64) }).strict(), output: z.null() }),
  /** The address IPAM reserved for a VM at its launch (guest SSH falls back to it), or null. */
  'ipam.vmAddress': () => ({ input: z.object({ ref: vmRef }).strict(), output: z.string().nullable() }),
  /** Live validation for the wizard: every problem with its field, and the plan when there is none. Creates nothing. */
  'instances.validate': () => ({ input: z.object({ spec: launchDraft }).strict(), output: launchValidation }),
  /** The generated user-data, meta-data, network-config and domain XML. */
  'instances.preview': () => ({ input: z.object({ spec: launchSpec }).strict(), output: launchPreview }),
  /** A task with steps clone, seed, define, boot, cloud-init; rolls back on failure. */
  'instances.launch': () => taskCall(z.object({ spec: launchSpec }).strict(), launchResult),

  /**
   * Gives one VM's console to one person until a time: an authorized_keys entry of the host's console account (made
   * once with createAccount), the VNC port pinned and a VNC password valid until then. Answers the grant file.
   */
  'grants.create': () => ({ input: grantCreateSpec, output: grantCreated }),
  /** Active grants read from the hosts (all connected hosts, or one host, or one VM); expired entries are pruned. */
  'grants.list': () => ({ input: grantListFilter, output: z.array(grantInfo) }),
  /** Removes the grant's entry and resets the VM's VNC password at once. */
  'grants.revoke': () => ({ input: z.object({ id: grantId }).strict(), output: grantInfo }),
  /**
   * Support mode: connects to the grant file's host as its console account with the grant's key (the passphrase
   * opens it; the host is recognised by the file's fingerprint). Answers a session whose consoles open as channels.
   */
  'grants.open': () => ({ input: grantOpenSpec, output: supportSession }),
  /** Ends a support session (its connection and consoles). */
  'grants.close': () => ({ input: z.object({ id: supportSessionId }).strict(), output: z.null() }),
  /** What the host can run: firmware (BIOS, UEFI, Secure Boot), machine types, TPM, CPU models, virt types. */
  'newVm.caps': () => ({ input: z.object({ host: hostName }).strict(), output: hostCaps }),
  /** The built-in OS presets; with a host, also its libosinfo OS ids (null when it has no osinfo-query). */
  'newVm.osList': () => ({ input: z.object({ host: hostName.optional() }).strict(), output: osList }),
  /** Every problem of a new VM's spec by field, warnings, and the plan with its domain XML when there is none. */
  'newVm.validate': () => ({ input: z.object({ spec: vmCreateSpec }).strict(), output: vmCreateValidation }),
  /** A task with steps disk, define, boot: a VM from an ISO, a disk, the network or nothing; rolls back on failure. */
  'newVm.create': () => taskCall(z.object({ spec: vmCreateSpec }).strict(), vmCreateResult),

  /**
   * The audit log, newest first: this home's entries merged with the audit file of each host asked about (what
   * other VirtDeck homes did there), de-duplicated by entry id.
   */
  'audit.list': () => ({ input: auditFilter, output: auditList }),
  /** The same entries as CSV into a new local file (the front end picks it); answers how many rows. */
  'audit.export': () => ({ input: auditExport, output: z.object({ rows: z.number().int() }) }),

  'tasks.list': () => ({ input: none, output: z.array(taskInfo) }),
  'tasks.cancel': () => ({ input: z.object({ id: z.string() }).strict(), output: z.null() }),
});

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
