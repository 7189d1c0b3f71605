// Delete an external snapshot: merge the overlay that sits on the snapshot's image back into it (running VM:
// active block commit, then pivot; shut-off VM: qemu-img commit), point the definition at the image, remove the
// overlay file and finally the snapshot's metadata. Until the pivot nothing has changed, and a failed commit
// is cancelled.
import { LibvirtError } from '../../libvirt/errors.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { DomainXmlFlags, type DomainRef } from '../../libvirt/protocol/index.js';
import { BlockCommitFlags, BlockJobAbortFlags, SnapshotDeleteFlags } from '../../libvirt/protocol/snapshots.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { report } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import { diskPath } from '../storage/disk-path.js';
import { readVolumeUsage, refuseUsed } from '../storage/host-volume-users.js';
import { diskByTarget } from './disk-by-target.js';
import { recordedDomain, snapshotKind } from './snapshot-info.js';
import type { LoadedSnapshot, SnapshotOpContext } from './snapshot-op.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface MergePlan {
  target: string;
  image: string;
  imageFormat: string;
  /** The overlay directly on top of the image (the VM's active layer). */
  top: string;
}

/** Where the image sits in the disk's current chain: 1 = directly under the top; -1 = not in it. */
async function chainOf(ctx: SnapshotOpContext, running: boolean, target: string): Promise<string[]> {
  const { lv, dom } = ctx;
  const xml = DomainXml.parse(await lv.domainGetXmlDesc(dom, running ? 0 : DomainXmlFlags.INACTIVE));
  const disk = diskByTarget(xml, target);
  const top = disk ? await diskPath(lv, disk) : null;
  if (!disk || !top) return [];
  if (running) return [top, ...disk.backingChain.map((b) => b.path ?? '')];
  const r = await hostExec(ctx.hosts.get(ctx.host), ['qemu-img', 'info', '-U', '--backing-chain', '--output=json', '--', top]);
  if (r.code !== 0) return [top];
  const infos = JSON.parse(r.stdout) as Array<{ filename: string }>;
  return infos.map((i) => i.filename);
}

export async function deleteExternal(ctx: SnapshotOpContext, snap: LoadedSnapshot, all: LoadedSnapshot[]): Promise<void> {
  const { lv, dom, host } = ctx;
  const session = ctx.hosts.get(host);
  const name = snap.ref.name;
  const recorded = recordedDomain(snap.xml);
  const running = (await lv.domainGetState(dom)).state === 'running';

  const plans: MergePlan[] = [];
  for (const d of snap.xml.disks.filter((x) => x.snapshot === 'external')) {
    const target = d.name ?? '';
    const recordedDisk = recorded ? diskByTarget(recorded, target) : undefined;
    const image = recordedDisk ? await diskPath(lv, recordedDisk) : null;
    if (!image || !recordedDisk) continue;
    const chain = await chainOf(ctx, running, target);
    const at = chain.indexOf(image);
    if (at <= 0) continue; // not in the VM's current chain (another branch, or already merged): metadata only
    if (at > 1) {
      const between = new Set(chain.slice(1, at));
      const newer = all.filter((s) => recordedDomain(s.xml)?.disks.some((rd) => rd.sourceFile !== null && between.has(rd.sourceFile)));
      throw new CoreError('snapshot.newer-external', { name, disk: target, newer: newer.map((s) => s.ref.name) });
    }
    const top = chain[0] as string;
    const holder = all.find((s) => s.ref.name !== name && recordedDomain(s.xml)?.disks.some((rd) => rd.sourceFile === top));
    if (holder) {
      throw new CoreError('snapshot.stored-in-overlay', { name, holder: holder.ref.name, path: top });
    }
    plans.push({ target, image, imageFormat: recordedDisk.driverType ?? 'qcow2', top });
  }
  await refuseSharedImages(ctx, snap, all, plans);

  for (const [i, p] of plans.entries()) {
    const share = (f: number) => (i + f) / Math.max(plans.length, 1);
    if (running) await commitActive(ctx.lv, ctx.dom, p.target, p.image, (f) => ctx.progress(share(f) * 0.9, report('note.merging', { disk: p.target })));
    else {
      ctx.progress(share(0) * 0.9, report('note.merging', { disk: p.target }));
      await hostRun(session, 'snapshot.commit-failed', ['qemu-img', 'commit', '-q', '--', p.top]);
    }
    await pointDefinitionAt(ctx, p);
    await hostExec(session, ['rm', '-f', '--', p.top]);
  }
  await lv.snapshotDelete(snap.ref, SnapshotDeleteFlags.METADATA_ONLY);
  ctx.progress(1);
}

/**
 * The merge writes into each image: refused while anything but this VM's own chain needs the image as it is — another
 * VM or a clone built on it, or a snapshot that froze it (this VM's internal snapshots live inside the image, and
 * the snapshot being deleted goes).
 */
async function refuseSharedImages(ctx: SnapshotOpContext, snap: LoadedSnapshot, all: LoadedSnapshot[], plans: MergePlan[]): Promise<void> {
  if (!plans.length) return;
  const vm = ctx.dom.name;
  const internal = new Set(all.filter((s) => snapshotKind(s.xml) === 'internal').map((s) => s.ref.name));
  const usage = await readVolumeUsage(ctx.hosts.get(ctx.host), ctx.lv);
  const uses = plans.map((p) => ({
    volume: p.image,
    users: usage.usersOf(
      p.image,
      (u) =>
        (u.kind === 'vm' && u.name === vm) ||
        (u.kind === 'snapshot' && u.vm === vm && (u.name === snap.ref.name || internal.has(u.name))) ||
        (u.kind === 'volume' && u.path === p.top),
    ),
  }));
  refuseUsed(ctx.host, uses);
}

/**
 * Active commit of the top layer of a running VM's disk `target` into `image`, then pivot; a failure before the
 * pivot cancels the job.
 */
export async function commitActive(lv: LibvirtApi, dom: DomainRef, target: string, image: string, progress: (f: number) => void): Promise<void> {
  const p = { target, image };
  await lv.blockCommit(dom, p.target, p.image, null, 0, BlockCommitFlags.ACTIVE);
  try {
    for (;;) {
      const info = await lv.getBlockJobInfo(dom, p.target);
      if (!info) throw new CoreError('snapshot.merge-ended', { disk: p.target });
      if (info.end > 0) progress(info.cur / info.end);
      if (info.cur === info.end) {
        try {
          await lv.blockJobAbort(dom, p.target, BlockJobAbortFlags.PIVOT);
          break;
        } catch (err) {
          // Not ready for the pivot yet (the mirror is still catching up): keep waiting.
          if (!(err instanceof LibvirtError && /not ready/i.test(err.message))) throw err;
        }
      }
      await sleep(200);
    }
  } catch (err) {
    await lv.blockJobAbort(dom, p.target, 0).catch(() => undefined);
    throw new CoreError('snapshot.merge-failed', { disk: p.target, cause: errorReport(err) }, { cause: err });
  }
  while (await lv.getBlockJobInfo(dom, p.target)) await sleep(100);
}

/** After the merge the persistent definition must name the image too (libvirt may already have done it). */
async function pointDefinitionAt(ctx: SnapshotOpContext, p: MergePlan): Promise<void> {
  const { lv, dom } = ctx;
  const xml = DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE));
  const disk = diskByTarget(xml, p.target);
  if (!disk || (await diskPath(lv, disk)) === p.image) return;
  disk.sourcePool = null;
  disk.sourceVolume = null;
  disk.type = 'file';
  disk.sourceFile = p.image;
  disk.driverType = p.imageFormat;
  await lv.domainDefineXml(xml.toXml());
}
