// VMs across hosts: live state from libvirt events into the inventory, lifecycle actions, delete, rename, lock.
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
import { readSnapshot } from './vm-snapshot.js';
import { runAction, waitUntilOff } from './vm-actions.js';
import { lockRefuses } from '../../../shared/model/vm-rules.js';
import { withoutGraphicsPasswords } from './public-xml.js';

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
    const doms = await lv.listAllDomains();
    const read = (await Promise.all(doms.map((d) => this.tryRead(lv, d)))).filter((s): s is VmSnapshot => s !== null);
    const newer = (uuid: string): boolean => (this.asked.get(`${host}/${uuid}`) ?? 0) > started;
    const snapshots: VmSnapshot[] = read.filter((s) => !newer(s.uuid));
    for (const vm of this.inventory.listVms({ host })) if (newer(vm.uuid)) snapshots.push(vm);
    const result = this.inventory.syncHostVms(host, this.keepKnownIps(host, snapshots), new Date());
    for (const vm of [...result.added, ...result.changed]) this.emit({ type: 'vm-updated', vm: this.toInfo(vm) });
    for (const vm of result.removed) this.emit({ type: 'vm-removed', host, uuid: vm.uuid, name: vm.name });
    for (const vm of result.added) {
      this.inventory.appendEvent({ host, vmUuid: vm.uuid, kind: 'imported', message: `found on ${host}`, at: new Date() });
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
    if (vm.locked && lockRefuses(action)) {
      throw new CoreError('vm.locked', { host: ref.host, vm: vm.name });
    }
    const { lv, dom } = await this.live(ref);
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
    if (vm.locked && lockRefuses('delete')) throw new CoreError('vm.locked', { host: ref.host, vm: vm.name });
    const { lv, dom } = await this.live(ref);
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
    this.inventory.appendEvent({
      host: ref.host,
      vmUuid: vm.uuid,
      kind: 'deleted',
      message: withStorage ? `deleted with ${deleted.length} volume(s)` : 'deleted (storage kept)',
      at: new Date(),
      data: { deleted, kept: plan.keep },
    });
    this.emit({ type: 'vm-removed', host: ref.host, uuid: vm.uuid, name: vm.name });
    return { deletedVolumes: deleted, keptVolumes: plan.keep };
  }

  async rename(ref: VmRef, newName: string): Promise<void> {
    const vm = this.stored(ref);
    if (vm.locked && lockRefuses('rename')) throw new CoreError('vm.locked', { host: ref.host, vm: vm.name });
    const { lv, dom } = await this.live(ref);
    if (await lv.domainIsActive(dom)) throw new CoreError('vm.running', { host: ref.host, vm: vm.name });
    await lv.domainRename(dom, newName);
    // The inventory row is keyed by uuid and tags live in the domain's metadata; reservations and the instance
    // record carry the name.
    this.inventory.instances.renameVm(ref.host, vm.uuid, newName);
    this.inventory.appendEvent({ host: ref.host, vmUuid: vm.uuid, kind: 'renamed', message: `renamed from ${vm.name}`, at: new Date() });
    await this.refresh(ref.host, lv, { ...dom, name: newName });
  }

  async setAutostart(ref: VmRef, autostart: boolean): Promise<void> {
    const { lv, dom } = await this.live(ref);
    await lv.domainSetAutostart(dom, autostart);
    await this.refresh(ref.host, lv, dom);
  }

  setLocked(ref: VmRef, locked: boolean): void {
    const vm = this.stored(ref);
    this.inventory.setVmLocked(ref.host, vm.uuid, locked);
    this.inventory.appendEvent({
      host: ref.host,
      vmUuid: vm.uuid,
      kind: locked ? 'locked' : 'unlocked',
      message: locked ? 'locked' : 'unlocked',
      at: new Date(),
    });
    this.emit({ type: 'vm-updated', vm: this.get(ref) });
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
   * A VM that moved to another host (migration) keeps its one row: the target's row (same UUID) takes the lock and
   * tags of `before`, the source's row goes, and the history says where it came from.
   */
  async moved(from: string, to: string, dom: DomainRef, before: StoredVm): Promise<void> {
    await this.refresh(to, this.hosts.libvirt(to), dom);
    this.inventory.setVmLocked(to, dom.uuid, before.locked);
    this.inventory.setVmTags(to, dom.uuid, before.tags);
    this.inventory.appendEvent({ host: to, vmUuid: dom.uuid, kind: 'migrated', message: `migrated ${from} → ${to}`, at: new Date() });
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
    this.inventory.appendEvent({
      host,
      vmUuid: e.dom.uuid,
      kind: e.kind,
      message: detail ? `${event} (${detail})` : event,
      at,
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

  private tryRead(lv: LibvirtApi, dom: DomainRef): Promise<VmSnapshot | null> {
    return foundOrNull(readSnapshot(lv, dom), VirErrorCode.NO_DOMAIN);
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
