// VM snapshots: list as a tree, create (internal with memory when running, or external disk-only), revert and
// delete. libvirt does internal snapshots itself; external revert and delete are VirtDeck's own (external-*.ts).
import { basename, dirname } from 'node:path';
import type { SnapshotCreateSpec, SnapshotInfo } from '../../../shared/model/snapshot.js';
import type { VmRef } from '../../../shared/model/vm.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { DomainXmlFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { SnapshotCreateFlags } from '../../libvirt/protocol/snapshots.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { SnapshotXml } from '../../libvirt/xml/snapshot.js';
import { CoreError, toCoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { hostExec } from '../hosts/host-exec.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import type { VmService } from '../vms/vm-service.js';
import { diskPath } from '../storage/disk-path.js';
import { deleteExternal } from './external-delete.js';
import { revertExternal } from './external-revert.js';
import { withSnapshotField } from './snapshot-fields.js';
import { snapshotKind, toSnapshotInfo } from './snapshot-info.js';
import type { LoadedSnapshot, SnapshotOpContext } from './snapshot-op.js';

/** Names end up in overlay file names: keep them to a safe, portable set. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export class SnapshotService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
    private readonly undo: UndoJournal,
  ) {}

  async list(ref: VmRef): Promise<SnapshotInfo[]> {
    const { lv, dom } = await this.vms.live(ref);
    const all = await this.loadAll(lv, dom);
    const infos = await Promise.all(
      all.map(async (s) => {
        const children = all.filter((c) => c.xml.parentName === s.ref.name).map((c) => c.ref.name);
        return toSnapshotInfo(ref.host, dom.name, s.xml, await lv.snapshotIsCurrent(s.ref), children);
      }),
    );
    await this.fillSizes(ref.host, infos);
    return infos.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.name.localeCompare(b.name));
  }

  /** Every check create makes (name rule, name taken, external overlays possible), without creating anything; its error names the spec field it is about. */
  async check(ref: VmRef, spec: SnapshotCreateSpec): Promise<void> {
    await this.prepared(ref, spec);
  }

  async create(ref: VmRef, spec: SnapshotCreateSpec): Promise<SnapshotInfo> {
    const { lv, dom, sx, flags } = await this.prepared(ref, spec);
    const made = await lv.snapshotCreateXml(dom, sx.toXml(), flags);
    return (await this.list({ host: ref.host, vm: dom.uuid })).find((s) => s.name === made.name) as SnapshotInfo;
  }

  /** The snapshot's XML and flags once every check passed. */
  private async prepared(ref: VmRef, spec: SnapshotCreateSpec): Promise<{ lv: LibvirtApi; dom: DomainRef; sx: SnapshotXml; flags: number }> {
    try {
      if (!NAME_RE.test(spec.name)) {
        throw new CoreError('snapshot.bad-name', { name: spec.name });
      }
      const { lv, dom } = await this.vms.live(ref);
      const names = (await lv.listAllSnapshots(dom)).map((s) => s.name);
      if (names.includes(spec.name)) {
        throw new CoreError('snapshot.exists', { host: ref.host, vm: dom.name, name: spec.name });
      }
      const sx = SnapshotXml.create({ name: spec.name, description: spec.description ?? null });
      let flags = 0;
      if (spec.kind === 'external') {
        // Disk-only: every writable disk gets an overlay (libvirt names it <image>.<snapshot>), read-only ones none.
        const domXml = DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE));
        const disks = domXml.disks.filter((d) => d.targetDev !== null);
        if (!disks.some((d) => d.device === 'disk' && !d.readonly)) {
          throw new CoreError('snapshot.no-writable-disk', { vm: dom.name });
        }
        sx.memorySnapshot = 'no';
        const session = this.hosts.get(ref.host);
        for (const d of disks) {
          if ((d.device ?? 'disk') !== 'disk' || d.readonly) {
            sx.addDisk({ name: d.targetDev, snapshot: 'no' });
            continue;
          }
          // Named by us: libvirt cannot name overlays of pool volumes, and one scheme for all is clearer.
          const image = await diskPath(lv, d);
          if (!image?.startsWith('/')) throw new CoreError('snapshot.disk-not-file', { vm: dom.name, disk: d.targetDev ?? '' });
          const overlay = `${dirname(image)}/${basename(image).replace(/\.(qcow2|img|raw)$/, '')}.${spec.name}.qcow2`;
          if ((await hostExec(session, ['test', '-e', overlay])).code === 0) {
            throw new CoreError('snapshot.overlay-exists', { host: ref.host, path: overlay });
          }
          sx.addDisk({ name: d.targetDev, snapshot: 'external', sourceFile: overlay, driverType: 'qcow2' });
        }
        flags = SnapshotCreateFlags.DISK_ONLY | SnapshotCreateFlags.ATOMIC;
      }
      return { lv, dom, sx, flags };
    } catch (err) {
      throw withSnapshotField(toCoreError(err));
    }
  }

  /**
   * Internal: libvirt reverts (memory too, so a running snapshot resumes running). External: VirtDeck starts a
   * fresh overlay on the snapshot's image and restores its definition; `start` defaults to the VM's state now.
   */
  async revert(ref: VmRef, name: string, opts: { start?: boolean; progress?: SnapshotOpContext['progress'] } = {}): Promise<SnapshotInfo> {
    const { lv, dom } = await this.vms.live(ref);
    const snap = await this.load(lv, dom, ref.host, name);
    if (snapshotKind(snap.xml) === 'internal') {
      await lv.revertToSnapshot(snap.ref);
    } else {
      const all = await this.loadAll(lv, dom);
      await revertExternal(this.ctx(lv, dom, ref.host, opts.progress), snap, all, opts.start, this.undo);
    }
    return (await this.list({ host: ref.host, vm: dom.uuid })).find((s) => s.name === name) as SnapshotInfo;
  }

  /** Internal: libvirt deletes it. External: the overlay is merged back into the image (block commit). */
  async delete(ref: VmRef, name: string, opts: { progress?: SnapshotOpContext['progress'] } = {}): Promise<void> {
    const { lv, dom } = await this.vms.live(ref);
    const snap = await this.load(lv, dom, ref.host, name);
    if (snapshotKind(snap.xml) === 'internal') {
      await lv.snapshotDelete(snap.ref);
      return;
    }
    await deleteExternal(this.ctx(lv, dom, ref.host, opts.progress), snap, await this.loadAll(lv, dom));
  }

  private ctx(lv: LibvirtApi, dom: DomainRef, host: string, progress?: SnapshotOpContext['progress']): SnapshotOpContext {
    return { lv, dom, host, hosts: this.hosts, progress: progress ?? (() => undefined) };
  }

  private async load(lv: LibvirtApi, dom: DomainRef, host: string, name: string): Promise<LoadedSnapshot> {
    const found = (await lv.listAllSnapshots(dom)).find((s) => s.name === name);
    if (!found) throw new CoreError('snapshot.not-found', { host, vm: dom.name, name });
    const text = await lv.snapshotGetXmlDesc(found);
    return { ref: found, xml: SnapshotXml.parse(text), text };
  }

  private async loadAll(lv: LibvirtApi, dom: DomainRef): Promise<LoadedSnapshot[]> {
    return Promise.all(
      (await lv.listAllSnapshots(dom)).map(async (ref) => {
        const text = await lv.snapshotGetXmlDesc(ref);
        return { ref, xml: SnapshotXml.parse(text), text };
      }),
    );
  }

  /** External: allocation of the overlays; internal: saved memory state size (qemu-img info -U). Best effort. */
  private async fillSizes(host: string, infos: SnapshotInfo[]): Promise<void> {
    const session = this.hosts.get(host);
    const overlays = [...new Set(infos.flatMap((s) => s.disks.map((d) => d.overlay).filter((p): p is string => !!p)))];
    const images = [...new Set(infos.filter((s) => s.kind === 'internal').flatMap((s) => s.disks.filter((d) => d.mode === 'internal').map((d) => d.image).filter((p): p is string => !!p?.startsWith('/'))))];
    const allocation = new Map<string, number>();
    if (overlays.length) {
      const r = await hostExec(session, ['stat', '-L', '-c', '%b %B %n', '--', ...overlays]).catch(() => null);
      for (const line of r?.stdout.split('\n') ?? []) {
        const m = /^(\d+) (\d+) (.+)$/.exec(line);
        if (m) allocation.set(m[3] as string, Number(m[1]) * Number(m[2]));
      }
    }
    const stateSize = new Map<string, number>(); // "<image>\0<snapshot>" → bytes
    for (const image of images) {
      const r = await hostExec(session, ['qemu-img', 'info', '-U', '--output=json', '--', image]).catch(() => null);
      if (r?.code !== 0) continue;
      const info = JSON.parse(r.stdout) as { snapshots?: Array<{ name: string; 'vm-state-size': number }> };
      for (const s of info.snapshots ?? []) stateSize.set(`${image}\0${s.name}`, s['vm-state-size']);
    }
    for (const s of infos) {
      if (s.kind === 'external') {
        const sizes = s.disks.map((d) => (d.overlay ? allocation.get(d.overlay) : undefined)).filter((n): n is number => n !== undefined);
        s.sizeBytes = sizes.length ? sizes.reduce((a, b) => a + b, 0) : null;
      } else {
        const sizes = s.disks.map((d) => stateSize.get(`${d.image ?? ''}\0${s.name}`)).filter((n): n is number => n !== undefined);
        s.sizeBytes = sizes.length ? Math.max(...sizes) : null;
      }
    }
  }
}
