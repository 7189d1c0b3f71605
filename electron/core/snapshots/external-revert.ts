// Revert to an external (disk-only) snapshot, which libvirt 9 refuses: a fresh overlay on each image the
// snapshot froze, the recorded definition pointing at those overlays, and the discarded overlays removed.
// Order: check everything → create overlays → define → stop the VM → (mark current, clean up, start).
// Any failure before the VM is stopped undoes what was made, so the VM is exactly as before.
import { dirname, basename } from 'node:path';
import { DomainXmlFlags } from '../../libvirt/protocol/index.js';
import { SnapshotCreateFlags } from '../../libvirt/protocol/snapshots.js';
import { snapshotCreateXml } from '../../libvirt/domain-snapshots.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { CoreError, errorReport } from '../errors.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import { allImagePaths, diskByTarget, diskPath } from './disk-paths.js';
import { recordedDomain } from './snapshot-info.js';
import type { LoadedSnapshot, SnapshotOpContext } from './snapshot-service.js';

interface DiskPlan {
  target: string;
  /** The image the snapshot froze (stays untouched; the new overlay's backing file). */
  image: string;
  imageFormat: string;
  /** The VM's current top image for this disk (discarded unless a snapshot still needs it). */
  currentTop: string | null;
  overlay: string;
}

/** Images some snapshot froze: they must never be deleted while that snapshot exists. */
async function frozenImages(ctx: SnapshotOpContext, all: LoadedSnapshot[]): Promise<Set<string>> {
  const frozen = new Set<string>();
  for (const s of all) {
    const dom = recordedDomain(s.xml);
    if (dom) for (const d of dom.disks) {
      const p = await diskPath(ctx.lv, d);
      if (p) frozen.add(p);
    }
  }
  return frozen;
}

/** Fails (naming the VM) when another domain of the host uses one of these images. */
export async function checkNotInUse(ctx: SnapshotOpContext, paths: string[]): Promise<void> {
  const wanted = new Set(paths);
  for (const other of await ctx.lv.listAllDomains()) {
    if (other.uuid === ctx.dom.uuid) continue;
    const running = other.id !== -1;
    const xml = DomainXml.parse(await ctx.lv.domainGetXmlDesc(other, running ? 0 : DomainXmlFlags.INACTIVE));
    const hit = (await allImagePaths(ctx.lv, xml)).find((p) => wanted.has(p));
    if (hit) {
      throw new CoreError('snapshot.disk-in-use', { host: ctx.host, path: hit, vm: other.name });
    }
  }
}

export async function revertExternal(
  ctx: SnapshotOpContext,
  snap: LoadedSnapshot,
  all: LoadedSnapshot[],
  start: boolean | undefined,
): Promise<void> {
  const { lv, dom, host } = ctx;
  const session = ctx.hosts.get(host);
  const name = snap.ref.name;
  const recorded = recordedDomain(snap.xml);
  if (!recorded) throw new CoreError('snapshot.no-domain', { name });
  if (snap.xml.memorySnapshot === 'external') {
    throw new CoreError('snapshot.external-memory', { name });
  }
  const currentText = await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
  const current = DomainXml.parse(currentText);
  const wasRunning = (await lv.domainGetState(dom)).state === 'running';
  const stamp = Date.now().toString(36);

  const plans: DiskPlan[] = [];
  for (const d of snap.xml.disks.filter((x) => x.snapshot === 'external')) {
    const target = d.name ?? '';
    const recordedDisk = diskByTarget(recorded, target);
    const image = recordedDisk ? await diskPath(lv, recordedDisk) : null;
    if (!recordedDisk || !image) throw new CoreError('snapshot.disk-unrecorded', { name, disk: target });
    const exists = await hostExec(session, ['test', '-e', image]);
    if (exists.code !== 0) throw new CoreError('snapshot.image-missing', { host, name, disk: target, path: image });
    const currentDisk = diskByTarget(current, target);
    const stem = basename(image).replace(/\.(qcow2|img|raw)$/, '');
    plans.push({
      target,
      image,
      imageFormat: recordedDisk.driverType ?? 'qcow2',
      currentTop: currentDisk ? await diskPath(lv, currentDisk) : null,
      overlay: `${dirname(image)}/${stem}.${name}-r${stamp}.qcow2`,
    });
  }
  if (!plans.length) throw new CoreError('snapshot.no-external-disk', { name });
  await checkNotInUse(ctx, plans.flatMap((p) => [p.image, ...(p.currentTop ? [p.currentTop] : [])]));

  // New overlays; undone if any later step before the stop fails.
  const made: string[] = [];
  const undoOverlays = async (): Promise<void> => {
    for (const f of made) await hostExec(session, ['rm', '-f', '--', f]).catch(() => undefined);
  };
  try {
    ctx.progress(0.1, 'creating overlays');
    for (const p of plans) {
      await hostRun(session, 'snapshot.overlay-failed', ['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', p.imageFormat, '-b', p.image, p.overlay]);
      made.push(p.overlay);
    }
    const next = DomainXml.parse(recorded.toXml());
    next.name = current.name;
    for (const p of plans) {
      const disk = diskByTarget(next, p.target) as NonNullable<ReturnType<typeof diskByTarget>>;
      disk.sourcePool = null;
      disk.sourceVolume = null;
      disk.type = 'file';
      disk.sourceFile = p.overlay;
      disk.driverType = 'qcow2';
    }
    ctx.progress(0.3, 'defining the recorded configuration');
    await lv.domainDefineXml(next.toXml());
  } catch (err) {
    await undoOverlays();
    throw err;
  }
  if (wasRunning) {
    try {
      ctx.progress(0.5, 'stopping the VM');
      await lv.domainDestroy(dom);
    } catch (err) {
      await lv.domainDefineXml(currentText).catch(() => undefined);
      await undoOverlays();
      throw new CoreError('snapshot.stop-failed', { vm: dom.name, cause: errorReport(err) }, { cause: err });
    }
  }

  // Reverted. The rest is bookkeeping: mark current, drop the discarded tops, start.
  ctx.progress(0.7, 'cleaning up');
  await snapshotCreateXml(lv, dom, snap.text, SnapshotCreateFlags.REDEFINE | SnapshotCreateFlags.CURRENT);
  const frozen = await frozenImages(ctx, all);
  for (const p of plans) {
    if (p.currentTop && p.currentTop !== p.image && !frozen.has(p.currentTop)) {
      await hostExec(session, ['rm', '-f', '--', p.currentTop]);
    }
  }
  if (start ?? wasRunning) {
    ctx.progress(0.9, 'starting the VM');
    await lv.domainCreate(dom);
  }
  ctx.progress(1);
}
