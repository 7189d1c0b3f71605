// VMs across hosts: live state from libvirt events into the inventory, lifecycle actions, delete, rename (each
// refused while the host says the VM is locked).
import { report } from '../../../shared/model/errors.js';
import { CoalescedRuns } from '../../../shared/coalesced-runs.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { SHUTDOWN_WAIT_SEC, type VmAction, type VmInfo, type VmRef } from '../../../shared/model/vm.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { StoredEvent, StoredVm, VmSnapshot } from '../../inventory/types.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { DomainEvent } from '../../libvirt/events.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import { DomainEventId, DomainStatsTypes, DomainXmlFlags } from '../../libvirt/protocol/index.js';
import { domainStateName } from '../../libvirt/protocol/states.js';
import { CoreError } from '../errors.js';
import { foundOr, foundOrNull } from '../libvirt-errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { deletableVolumes, UNDEFINE_WITH_METADATA } from './domain-storage.js';
import { type KnownXml, readHostSnapshots, readSnapshot } from './vm-snapshot.js';
import { runAction, waitUntilOff } from './vm-actions.js';
import { lockRefuses, type LifecycleAction } from '../../../shared/model/vm-rules.js';
import { lockedOnHost } from './vm-lock.js';
import { withoutGraphicsPasswords } from './public-xml.js';
import { recordVmEvent } from './vm-history.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Domain events we subscribe to on every host. */
const EVENT_IDS = [
  DomainEventId.LIFECYCLE,
  DomainEventId.REBOOT,
  DomainEventId.DEVICE_ADDED,
  DomainEventId.DEVICE_REMOVED,
  DomainEventId.AGENT_LIFECYCLE,
  DomainEventId.JOB_COMPLETED,
  DomainEventId.METADATA_CHANGE,
];

export class VmService {
  /** Per host/uuid: one re-read at a time, and one more after it, so the last libvirt event's state is the one kept. */
  private readonly refreshes = new CoalescedRuns();
  /** Per host/uuid: when its last refresh was asked (a counter); a full sync keeps what was refreshed meanwhile. */
  private readonly asked = new Map<string, number>();
  private clock = 0;

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly emit: (e: CoreEvent) => void,
  ) {}

  /** Called for every new libvirt connection: subscribe first (so nothing is missed), then sync. */
  async attach(host: string, lv: LibvirtConnection): Promise<void> {
    lv.on('domain-event', (e: DomainEvent) => void this.onDomainEvent(host, lv, e));
    await Promise.all(EVENT_IDS.map((id) => lv.registerDomainEvent(id)));
    await this.syncHost(host, lv);
  }

  /**
   * Full refresh of one host: every domain it has, in one inventory transaction. A domain refreshed by an event while
   * this read is left as that refresh wrote (or will write) it: this read may be older.
   */
  async syncHost(host: string, lv: LibvirtApi): Promise<void> {
    const started = this.clock;
    const read = await readHostSnapshots(lv, this.knownXml(host));
    const newer = (uuid: string): boolean => (this.asked.get(`${host}/${uuid}`) ?? 0) > started;
    const snapshots: VmSnapshot[] = read.filter((s) => !newer(s.uuid));
    for (const vm of this.inventory.listVms({ host })) if (newer(vm.uuid)) snapshots.push(vm);
    const result = this.inventory.syncHostVms(host, this.keepKnownIps(host, snapshots), new Date());
    for (const vm of [...result.added, ...result.changed]) this.emit({ type: 'vm-updated', vm: this.toInfo(vm) });
    for (const vm of result.removed) this.emit({ type: 'vm-removed', host, uuid: vm.uuid, name: vm.name });
    for (const vm of result.added) {
      recordVmEvent(this.inventory, { host, vmUuid: vm.uuid, event: { kind: 'imported', params: { host } }, message: `found on ${host}` });
    }
  }

  /** "Refresh host": re-reads every domain of a connected host now; its VMs as they are after. */
  async refreshHost(host: string): Promise<VmInfo[]> {
    await this.syncHost(host, this.hosts.libvirt(host));
    return this.list({ host });
  }

  /**
   * The cheap check that catches what events missed: one bulk state call for the host; each domain whose name or
   * state differs from the inventory, that is new, or that is gone, is re-read. Returns how many were.
   */
  async reconcile(host: string): Promise<number> {
    const lv = this.hosts.libvirt(host);
    const records = await lv.getAllDomainStats([], DomainStatsTypes.STATE);
    const stored = new Map(this.inventory.listVms({ host }).map((vm) => [vm.uuid, vm]));
    const differ: DomainRef[] = [];
    for (const r of records) {
      const vm = stored.get(r.dom.uuid);
      stored.delete(r.dom.uuid);
      const state = r.params['state.state'];
      if (!vm || vm.name !== r.dom.name || typeof state !== 'number' || vm.state !== domainStateName(state)) differ.push(r.dom);
    }
    for (const vm of stored.values()) differ.push({ name: vm.name, uuid: vm.uuid, id: -1 });
    await Promise.all(differ.map((dom) => this.refresh(host, lv, dom).catch(() => undefined)));
    return differ.length;
  }

  list(filter: { host?: string } = {}): VmInfo[] {
    return this.inventory.listVms(filter).map((vm) => this.toInfo(vm));
  }

  get(ref: VmRef): VmInfo {
    return this.toInfo(this.stored(ref));
  }

  /** Runs a lifecycle action; a shutdown ends only when the guest is off (vm.shutdown-ignored after `waitSec`). */
  async action(ref: VmRef, action: VmAction, waitSec = SHUTDOWN_WAIT_SEC): Promise<void> {
    const vm = this.stored(ref);
    const { lv, dom } = await this.live(ref);
    await this.refuseIfLocked(ref, vm, lv, dom, action);
    await runAction(lv, dom, action);
    try {
      if (action === 'shutdown') await waitUntilOff(lv, dom, waitSec, { host: ref.host, vm: vm.name });
    } finally {
      await this.refresh(ref.host, lv, dom);
    }
  }

  /** Deletes the definition; with storage, also the VM's own disk volumes (refused while anything else uses one). */
  async delete(ref: VmRef, withStorage: boolean): Promise<{ deletedVolumes: string[]; keptVolumes: string[] }> {
    const vm = this.stored(ref);
    const { lv, dom } = await this.live(ref);
    await this.refuseIfLocked(ref, vm, lv, dom, 'delete');
    if (await lv.domainIsActive(dom)) {
      throw new CoreError('vm.running', { host: ref.host, vm: vm.name });
    }
    const plan = withStorage ? await deletableVolumes(this.hosts.get(ref.host), lv, dom) : { delete: [], keep: [] };
    await lv.domainUndefine(dom, UNDEFINE_WITH_METADATA);
    const deleted: string[] = [];
    for (const path of plan.delete) {
      const vol = await lv.storageVolLookupByPath(path);
      await lv.storageVolDelete(vol, 0);
      deleted.push(path);
    }
    this.inventory.removeVm(ref.host, vm.uuid);
    recordVmEvent(this.inventory, {
      host: ref.host,
      vmUuid: vm.uuid,
      event: { kind: 'deleted', params: { volumes: deleted.length, storageKept: !withStorage } },
      message: withStorage ? `deleted with ${deleted.length} volume(s)` : 'deleted (storage kept)',
      extra: { deleted, kept: plan.keep },
    });
    this.emit({ type: 'vm-removed', host: ref.host, uuid: vm.uuid, name: vm.name });
    return { deletedVolumes: deleted, keptVolumes: plan.keep };
  }

  async rename(ref: VmRef, newName: string): Promise<void> {
    const vm = this.stored(ref);
    const { lv, dom } = await this.live(ref);
    await this.refuseIfLocked(ref, vm, lv, dom, 'rename');
    if (await lv.domainIsActive(dom)) throw new CoreError('vm.running', { host: ref.host, vm: vm.name });
    await lv.domainRename(dom, newName);
    // The inventory row is keyed by uuid and tags live in the domain's metadata; reservations and the instance
    // record carry the name.
    this.inventory.instances.renameVm(ref.host, vm.uuid, newName);
    recordVmEvent(this.inventory, {
      host: ref.host, vmUuid: vm.uuid, event: { kind: 'renamed', params: { from: vm.name, to: newName } }, message: `renamed from ${vm.name}`,
    });
    await this.refresh(ref.host, lv, { ...dom, name: newName });
  }

  async setAutostart(ref: VmRef, autostart: boolean): Promise<void> {
    const { lv, dom } = await this.live(ref);
    await lv.domainSetAutostart(dom, autostart);
    await this.refresh(ref.host, lv, dom);
  }

  /** The lock is read from the host at the moment of the action: another install may have set it just now. */
  private async refuseIfLocked(ref: VmRef, vm: StoredVm, lv: LibvirtApi, dom: DomainRef, action: LifecycleAction | 'rename'): Promise<void> {
    if (lockRefuses(action) && (await lockedOnHost(lv, dom))) throw new CoreError('vm.locked', { host: ref.host, vm: vm.name });
  }

  /**
   * The domain XML as front ends may see it: never the VNC/SPICE passwords. libvirt leaves them out unless asked
   * with its SECURE flag, which is not asked; a passwd a host sends anyway is removed.
   */
  async xml(ref: VmRef, inactive = false): Promise<string> {
    const { lv, dom } = await this.live(ref);
    return withoutGraphicsPasswords(await lv.domainGetXmlDesc(dom, inactive ? DomainXmlFlags.INACTIVE : 0));
  }

  events(ref: VmRef, limit = 100): StoredEvent[] {
    const vm = this.stored(ref);
    // By UUID alone: a VM's history follows it from host to host (migration).
    return this.inventory.listEvents({ vmUuid: vm.uuid, limit });
  }

  /**
   * A VM that moved to another host (migration) keeps its one row: the target's row (same UUID) is read from the
   * target (its facts travelled in the domain XML), the source's row goes, and the history says where it came from.
   */
  async moved(from: string, to: string, dom: DomainRef, before: StoredVm): Promise<void> {
    await this.refresh(to, this.hosts.libvirt(to), dom);
    recordVmEvent(this.inventory, { host: to, vmUuid: dom.uuid, event: { kind: 'migrated', params: { from, to } }, message: `migrated ${from} → ${to}` });
    if (this.inventory.removeVm(from, dom.uuid)) this.emit({ type: 'vm-removed', host: from, uuid: dom.uuid, name: before.name });
    this.emit({ type: 'vm-updated', vm: this.get({ host: to, vm: dom.uuid }) });
  }

  /** The VM's name for titles (a ref may carry its uuid); the ref itself when the VM is not known. */
  nameOf(ref: VmRef): string {
    return this.inventory.getVm(ref.host, ref.vm)?.name ?? ref.vm;
  }

  /** The inventory row for a ref (by uuid or name). */
  stored(ref: VmRef): StoredVm {
    this.hosts.config(ref.host);
    const vm = this.inventory.getVm(ref.host, ref.vm);
    if (!vm) throw new CoreError('vm.not-found', { host: ref.host, vm: ref.vm });
    return vm;
  }

  /** Live connection + domain for a ref; the VM must exist on the host now. */
  async live(ref: VmRef): Promise<{ lv: LibvirtApi; dom: DomainRef }> {
    const lv = this.hosts.get(ref.host).libvirt();
    const known = this.inventory.getVm(ref.host, ref.vm);
    const lookup = known
      ? lv.lookupDomainByUuid(known.uuid)
      : UUID_RE.test(ref.vm)
        ? lv.lookupDomainByUuid(ref.vm)
        : lv.lookupDomainByName(ref.vm);
    const dom = await foundOr(lookup, VirErrorCode.NO_DOMAIN, report('vm.not-found', { host: ref.host, vm: ref.vm }));
    return { lv, dom };
  }

  toInfo(vm: StoredVm): VmInfo {
    return { ...vm, stale: !this.hosts.isOnline(vm.host) };
  }

  private async onDomainEvent(host: string, lv: LibvirtApi, e: DomainEvent): Promise<void> {
    const at = new Date();
    const event = e.event ?? e.kind;
    const detail = e.detail ?? e.device ?? '';
    this.emit({ type: 'domain-event', host, uuid: e.dom.uuid, name: e.dom.name, event, detail, at: at.toISOString() });
    recordVmEvent(this.inventory, {
      host, vmUuid: e.dom.uuid, event: { kind: e.kind, params: { event, detail } }, message: detail ? `${event} (${detail})` : event, at,
    });
    await this.refresh(host, lv, e.dom).catch(() => undefined);
  }

  /** Re-reads one domain into the inventory (serialized per domain: see `refreshes`); a domain that is gone is removed. */
  refresh(host: string, lv: LibvirtApi, dom: DomainRef): Promise<void> {
    const key = `${host}/${dom.uuid}`;
    this.asked.set(key, ++this.clock);
    return this.refreshes.run(key, () => this.readInto(host, lv, dom));
  }

  private async readInto(host: string, lv: LibvirtApi, dom: DomainRef): Promise<void> {
    const snap = await this.tryRead(lv, dom);
    const before = this.inventory.getVm(host, dom.uuid);
    if (!snap) {
      if (before) {
        this.inventory.removeVm(host, dom.uuid);
        this.emit({ type: 'vm-removed', host, uuid: dom.uuid, name: before.name });
      }
      return;
    }
    const [merged] = this.keepKnownIps(host, [snap]);
    this.inventory.upsertVm(host, merged as VmSnapshot, new Date());
    const after = this.inventory.getVm(host, dom.uuid);
    if (after) this.emit({ type: 'vm-updated', vm: this.toInfo(after) });
  }

  private tryRead(lv: LibvirtApi, dom: DomainRef, known?: KnownXml): Promise<VmSnapshot | null> {
    return foundOrNull(readSnapshot(lv, dom, known), VirErrorCode.NO_DOMAIN);
  }

  /** What the host's VMs were last read from, by uuid (see readSnapshot). */
  private knownXml(host: string): Map<string, KnownXml> {
    const digests = this.inventory.xmlDigests(host);
    const known = new Map<string, KnownXml>();
    for (const vm of this.inventory.listVms({ host })) {
      const digest = digests.get(vm.uuid);
      if (digest) {
        const facts = { locked: vm.locked, owner: vm.owner, notes: vm.notes, tags: vm.tags, fields: vm.fields };
        known.set(vm.uuid, { digest, disks: vm.disks, nics: vm.nics, facts });
      }
    }
    return known;
  }

  /** A VM that is off reports no IPs; keep the last known ones (static addresses rarely change). */
  private keepKnownIps(host: string, snaps: VmSnapshot[]): VmSnapshot[] {
    return snaps.map((s) => {
      if (s.ips.length > 0) return s;
      const old = this.inventory.getVm(host, s.uuid);
      return old && old.ips.length > 0 ? { ...s, ips: old.ips } : s;
    });
  }
}
