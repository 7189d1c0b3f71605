// New VM: plan (new-vm-planner.ts: every problem before anything exists), then a task that creates the blank disk,
// defines the domain (validated by libvirt against its schema) and optionally starts it. Any failure undoes what
// was made (durably, through the undo journal), so a refusal or a failure leaves nothing defined.
import type { HostCaps, OsPreset, VmCreateResult, VmCreateSpec, VmCreateValidation } from '../../../shared/model/new-vm.js';
import { DEFAULT_OS, OS_PRESETS, osPreset } from '../../../shared/model/os-presets.js';
import type { Inventory } from '../../inventory/inventory.js';
import { CoreError, errorReport } from '../errors.js';
import { hostExec } from '../hosts/host-exec.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { NetworkService } from '../networks/network-service.js';
import type { StorageService } from '../storage/storage-service.js';
import type { TaskContext } from '../tasks/task-service.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import { recordVmEvent } from '../vms/vm-history.js';
import type { VmService } from '../vms/vm-service.js';
import { runConvert, runDownload } from './new-vm-media.js';
import { NewVmPlanner, wantsNewDisk } from './new-vm-planner.js';

/** virDomainDefineFlags VALIDATE: libvirt checks the XML against its schema. */
const DEFINE_VALIDATE = 1;

export class NewVmService {
  private readonly planner: NewVmPlanner;

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly storage: StorageService,
    networks: NetworkService,
    private readonly vms: VmService,
    private readonly undo: UndoJournal,
  ) {
    this.planner = new NewVmPlanner(hosts, storage, networks);
  }

  caps(host: string): Promise<HostCaps> {
    return this.planner.caps(host);
  }

  /** The built-in presets, and the host's libosinfo OS ids when it has `osinfo-query` (null when it has not). */
  async osList(host?: string): Promise<{ presets: OsPreset[]; hostOs: string[] | null }> {
    if (!host) return { presets: [...OS_PRESETS], hostOs: null };
    const r = await hostExec(this.hosts.get(host), ['osinfo-query', '--fields=short-id', 'os']).catch(() => null);
    const ids = r?.code === 0 ? r.stdout.split('\n').slice(2).map((l) => l.trim()).filter(Boolean) : null;
    return { presets: [...OS_PRESETS], hostOs: ids };
  }

  async validate(spec: VmCreateSpec): Promise<VmCreateValidation> {
    const r = await this.planner.resolve(spec);
    return { ok: r.errors.length === 0, errors: r.errors, warnings: r.warnings, plan: r.plan };
  }

  /** The task's steps, from the spec alone. */
  static steps(spec: VmCreateSpec): string[] {
    const src = spec.source;
    return [
      ...(src.kind === 'cdrom' && 'url' in src ? ['download'] : []),
      ...(src.kind === 'import' && src.convert ? ['convert'] : []),
      ...(wantsNewDisk(spec, osPreset(spec.os ?? DEFAULT_OS)) > 0 ? ['disk'] : []),
      'define',
      ...(spec.start ? ['boot'] : []),
    ];
  }

  async create(spec: VmCreateSpec, ctx: TaskContext): Promise<VmCreateResult> {
    const r = await this.planner.resolve(spec);
    const [first] = r.errors;
    if (first) throw CoreError.from(first);
    const plan = r.plan!;
    const { host, name } = plan;
    const lv = this.hosts.libvirt(host);
    const undo = this.undo.begin(host, `create ${name}`);
    const created: string[] = [];
    try {
      const { download, convert } = plan;
      if (download) {
        await ctx.step('download', () =>
          undo.attempt({ kind: 'delete-volume', pool: download.pool, name: download.volume }, () => runDownload(this.hosts.get(host), lv, download, ctx)));
        created.push(`${download.pool}/${download.volume}`);
      }
      if (convert) {
        await ctx.step('convert', () => undo.attempt({ kind: 'delete-volume', pool: convert.to.pool, name: convert.to.volume }, () => runConvert(lv, host, convert, ctx)));
        created.push(`${convert.to.pool}/${convert.to.volume}`);
      }
      const disk = plan.newDisk;
      if (disk) {
        await ctx.step('disk', () =>
          undo.attempt({ kind: 'delete-volume', pool: disk.pool, name: disk.volume }, () =>
            this.storage.volumes.create(host, disk.pool, { name: disk.volume, capacity: disk.bytes, format: 'qcow2' })));
        created.push(`${disk.pool}/${disk.volume}`);
      }
      const dom = await ctx.step('define', () =>
        undo.attempt({ kind: 'remove-domain', uuid: r.uuid, name }, () => lv.domainDefineXml(plan.domainXml, DEFINE_VALIDATE)));
      if (spec.start) await ctx.step('boot', () => lv.domainCreate(dom));
      await this.vms.syncHost(host, lv).catch(() => undefined);
      this.undo.commit(undo, () =>
        recordVmEvent(this.inventory, {
          host, vmUuid: dom.uuid, event: { kind: 'created', params: { os: plan.preset, firmware: plan.firmware } },
          message: `created (${plan.preset}, ${plan.firmware}${plan.tpm ? ', TPM 2.0' : ''})`, extra: { source: spec.source.kind },
        }));
      return { host, name, uuid: dom.uuid, started: spec.start ?? false, createdVolumes: created, warnings: r.warnings };
    } catch (err) {
      const out = await this.undo.rollback(undo);
      throw new CoreError('newvm.failed', { host, name, cause: errorReport(err), rolledBack: out.undone, leftOver: out.left }, { cause: err });
    }
  }
}
