// A VM's facts (lock, tags, owner, notes, custom column values), written to its host's domain <metadata> one element
// per fact (see libvirt/xml/domain-facts.ts for why that loses no concurrent update), then re-read into the inventory,
// which only caches them. An offline host's facts can be read (from the cache) but not changed.
import { CoreError } from '../errors.js';
import type { VmInfo, VmRef } from '../../../shared/model/vm.js';
import {
  BUILTIN_COLUMNS,
  COLUMN_NAME_RE,
  fitsColumn,
  isTag,
  NOTES_MAX,
  OWNER_MAX,
  type FactColumn,
} from '../../../shared/model/vm-facts.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { LibvirtError, VirErrorCode } from '../../libvirt/errors.js';
import { DomainImpact, DomainMetadataType, type DomainRef } from '../../libvirt/protocol/index.js';
import { factElement, factKey, factUri, type FactSlot } from '../../libvirt/xml/domain-facts.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { recordVmEvent } from './vm-history.js';
import type { VmService } from './vm-service.js';

const isState = (err: unknown): boolean => err instanceof LibvirtError && err.code === VirErrorCode.OPERATION_INVALID;

export class VmFactsService {
  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
  ) {}

  /** Adds and removes tags, each its own write (two installs tagging at once both keep theirs). */
  async setTags(ref: VmRef, add: readonly string[], remove: readonly string[]): Promise<VmInfo> {
    for (const tag of [...add, ...remove]) if (!isTag(tag)) throw new CoreError('vm.bad-tag', { tag });
    return this.write(ref, [
      ...remove.map((tag): [FactSlot, null] => [{ kind: 'tag', tag }, null]),
      ...add.map((tag): [FactSlot, string] => [{ kind: 'tag', tag }, tag]),
    ]);
  }

  /** '' (or null) clears. */
  async setOwner(ref: VmRef, owner: string | null): Promise<VmInfo> {
    const value = owner?.trim() ?? '';
    if (value.length > OWNER_MAX) throw new CoreError('vm.fact-too-long', { fact: 'owner', max: OWNER_MAX });
    return this.write(ref, [[{ kind: 'owner' }, value === '' ? null : value]]);
  }

  /** '' clears. Line breaks are kept. */
  async setNotes(ref: VmRef, notes: string): Promise<VmInfo> {
    if (notes.length > NOTES_MAX) throw new CoreError('vm.fact-too-long', { fact: 'notes', max: NOTES_MAX });
    return this.write(ref, [[{ kind: 'notes' }, notes === '' ? null : notes]]);
  }

  /** The value of a defined custom column; '' clears. */
  async setField(ref: VmRef, column: string, value: string): Promise<VmInfo> {
    const def = this.columns().find((c) => c.name === column);
    if (!def) throw new CoreError('vm.column-not-found', { column });
    if (!fitsColumn(def, value)) throw new CoreError('vm.bad-fact-value', { column, kind: def.kind, value });
    return this.write(ref, [[{ kind: 'field', column }, value === '' ? null : value]]);
  }

  async setLocked(ref: VmRef, locked: boolean): Promise<VmInfo> {
    const info = await this.write(ref, [[{ kind: 'lock' }, locked ? 'yes' : null]]);
    const kind = locked ? 'locked' : 'unlocked';
    recordVmEvent(this.inventory, { host: ref.host, vmUuid: info.uuid, event: { kind, params: {} }, message: kind });
    return info;
  }

  columns(): FactColumn[] {
    return this.inventory.columns.list();
  }

  defineColumn(column: FactColumn): FactColumn[] {
    const { name, kind } = column;
    if (!COLUMN_NAME_RE.test(name) || (BUILTIN_COLUMNS as readonly string[]).includes(name)) throw new CoreError('vm.bad-column', { column: name });
    const choices = kind === 'choice' ? column.choices.map((c) => c.trim()) : [];
    if (kind === 'choice' && (choices.length === 0 || choices.includes('') || new Set(choices).size !== choices.length)) {
      throw new CoreError('vm.bad-choices', { column: name });
    }
    if (!this.inventory.columns.add({ name, kind, choices })) throw new CoreError('vm.column-exists', { column: name });
    return this.columns();
  }

  /** The definition goes; values already on VMs stay on their hosts. */
  removeColumn(name: string): FactColumn[] {
    if (!this.inventory.columns.remove(name)) throw new CoreError('vm.column-not-found', { column: name });
    return this.columns();
  }

  /** Writes each [fact, value] (null removes it) to the host, then re-reads the VM into the inventory. */
  private async write(ref: VmRef, changes: ReadonlyArray<[FactSlot, string | null]>): Promise<VmInfo> {
    const vm = this.vms.stored(ref);
    if (!this.hosts.isOnline(ref.host)) throw new CoreError('vm.facts-offline', { host: ref.host, vm: vm.name });
    const { lv, dom } = await this.vms.live(ref);
    for (const [slot, value] of changes) await this.setOne(lv, dom, vm.persistent, slot, value);
    await this.vms.refresh(ref.host, lv, dom);
    return this.vms.get(ref);
  }

  /**
   * A running domain gets the element in its live and its persistent definition, a shut-off one in the persistent
   * one (libvirt refuses LIVE there). A domain that starts or stops between the check and the write is written again
   * the other way, so the live XML (what every install reads) and the config always agree.
   */
  private async setOne(lv: LibvirtApi, dom: DomainRef, persistent: boolean, slot: FactSlot, value: string | null): Promise<void> {
    const set = (flags: number): Promise<void> =>
      lv.domainSetMetadata(dom, DomainMetadataType.ELEMENT, value === null ? null : factElement(slot, value), factKey(slot), factUri(slot), flags);
    const running = (persistent ? DomainImpact.CONFIG : 0) | DomainImpact.LIVE;
    if (await lv.domainIsActive(dom)) {
      try {
        await set(running);
        return;
      } catch (err) {
        if (!persistent || !isState(err)) throw err;
      }
    }
    await set(DomainImpact.CONFIG);
    if (await lv.domainIsActive(dom)) await set(running);
  }
}
