// sheet.*: every VM as one CSV or XLSX file, and a sheet read back as a plan (sheet-plan.ts) that apply makes real
// through the same services as the vms.set* and ipam.* calls — facts in each domain's metadata on its host, addresses
// in the network's IPAM — and only when the sheet has no conflict at all. Apply goes VM by VM and on past one that
// fails, and says per VM what happened; applying the same sheet again plans only what is left, as the plan compares
// with the facts and reservations as they are then.
import { readFile, writeFile } from 'node:fs/promises';
import type { SheetFormat, SheetPlan, SheetTable, SheetVmPlan } from '../../../shared/model/sheet.js';
import { LIST_SEPARATOR } from '../../../shared/model/sheet.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { CoreError, errorReport } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { IpamService } from '../instances/ipam-service.js';
import { listVolumesOf } from '../storage/storage-lookup.js';
import type { VmFactsService } from '../vms/vm-facts.js';
import type { VmService } from '../vms/vm-service.js';
import { csvBytes, readSheet, xlsxBytes } from './sheet-files.js';
import { planSheet, type SheetWorld } from './sheet-plan.js';
import { sheetTable, type SheetVolume, type VolumeIndex } from './sheet-table.js';

/** What the sheet uses of the services behind the vms.*, vms.set* and ipam.* calls. */
export interface SheetDeps {
  hosts: Pick<HostRegistry, 'names' | 'isOnline' | 'libvirt'>;
  vms: Pick<VmService, 'list'>;
  facts: Pick<VmFactsService, 'columns' | 'setOwner' | 'setNotes' | 'setField' | 'setTags'>;
  ipam: Pick<IpamService, 'get' | 'describe' | 'require' | 'reserveForVm'>;
}

export class SheetService {
  private readonly hosts: SheetDeps['hosts'];
  private readonly vms: SheetDeps['vms'];
  private readonly facts: SheetDeps['facts'];
  private readonly ipam: SheetDeps['ipam'];

  constructor(deps: SheetDeps) {
    this.hosts = deps.hosts;
    this.vms = deps.vms;
    this.facts = deps.facts;
    this.ipam = deps.ipam;
  }

  async table(): Promise<SheetTable> {
    const online = this.hosts.names().filter((h) => this.hosts.isOnline(h));
    const indexes = new Map(await Promise.all(online.map(async (h) => [h, await volumeIndex(this.hosts.libvirt(h))] as const)));
    return sheetTable(this.vms.list(), this.facts.columns(), (h) => indexes.get(h) ?? new Map());
  }

  async export(format: SheetFormat, file: string, bom = false): Promise<{ vms: number; bytes: number }> {
    const table = await this.table();
    const bytes = format === 'csv' ? csvBytes(table, bom) : await xlsxBytes(table);
    await writeFile(file, bytes);
    return { vms: table.rows.length, bytes: bytes.length };
  }

  async preview(file: string): Promise<SheetPlan> {
    const bytes = await readFile(file).catch((err: unknown) => {
      throw new CoreError('sheet.unreadable', { file, message: err instanceof Error ? err.message : String(err) });
    });
    const { format, rows } = await readSheet(file, bytes);
    return planSheet(format, rows, this.world());
  }

  /** The plan, checked again now; any conflict refuses it before anything changes. Then each VM in turn: a VM whose
   *  change fails (its host went away, a write refused) is failed with the error, and the next VM goes on. */
  async apply(file: string): Promise<SheetPlan> {
    const plan = await this.preview(file);
    if (plan.conflicts.length > 0) throw new CoreError('sheet.conflicts', { count: plan.conflicts.length });
    const vms: SheetVmPlan[] = [];
    for (const vm of plan.vms) {
      try {
        await this.applyFacts(vm);
        // Each address is held for its VM by a compare-and-set on the host that owns the network (ipam.reserveForVm).
        for (const r of vm.reserve) await this.ipam.reserveForVm(this.ipam.require(vm.host, r.network), r.ip, { name: vm.name, uuid: vm.uuid });
        vms.push({ ...vm, outcome: 'applied' });
      } catch (err) {
        vms.push({ ...vm, outcome: 'failed', error: errorReport(err) });
      }
    }
    return { ...plan, vms, applied: true };
  }

  private async applyFacts(vm: SheetVmPlan): Promise<void> {
    const ref = { host: vm.host, vm: vm.uuid };
    for (const c of vm.changes) {
      if (c.fact === 'owner') await this.facts.setOwner(ref, c.new);
      else if (c.fact === 'notes') await this.facts.setNotes(ref, c.new);
      else if (c.fact === 'field') await this.facts.setField(ref, c.column as string, c.new);
      else {
        const list = (s: string) => (s === '' ? [] : s.split(LIST_SEPARATOR));
        const [oldTags, newTags] = [list(c.old), list(c.new)];
        await this.facts.setTags(ref, newTags.filter((t) => !oldTags.includes(t)), oldTags.filter((t) => !newTags.includes(t)));
      }
    }
  }

  private world(): SheetWorld {
    return {
      hosts: this.hosts.names(),
      vms: this.vms.list(),
      columns: this.facts.columns(),
      isOnline: (h) => this.hosts.isOnline(h),
      ipam: (h, n) => this.ipam.get(h, n),
      describe: (h, n) => this.ipam.describe(h, n),
    };
  }
}

/** The volumes of a host's running pools by path and by "pool/name". */
async function volumeIndex(lv: LibvirtConnection): Promise<VolumeIndex> {
  const index = new Map<string, SheetVolume>();
  for (const pool of await lv.listAllStoragePools()) {
    if (!(await lv.storagePoolIsActive(pool))) continue;
    for (const v of await listVolumesOf('', lv, pool).catch(() => [])) {
      const entry = { pool: v.pool, name: v.name, capacity: v.capacity };
      index.set(v.path, entry);
      index.set(`${v.pool}/${v.name}`, entry);
    }
  }
  return index;
}
