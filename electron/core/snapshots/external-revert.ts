// Revert to an external (disk-only) snapshot, which libvirt 9 refuses: a fresh overlay on each image the
// snapshot froze, the recorded definition pointing at those overlays, and the discarded overlays removed.
// Order: check everything → create overlays → define → stop the VM → (mark current, clean up, start).
// Any failure up to the stop undoes what was made (durably: see UndoJournal), so the VM is as before.
import { dirname, basename } from 'node:path';
import { DomainXmlFlags } from '../../libvirt/protocol/index.js';
import { SnapshotCreateFlags } from '../../libvirt/protocol/snapshots.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { report } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import { diskPath } from '../storage/disk-path.js';
import { readVolumeUsage, refuseUsed, type VolumeUser } from '../storage/host-volume-users.js';
import type { UndoJournal } from '../tasks/undo-journal.js';
import { diskByTarget } from './disk-by-target.js';
import { recordedDomain } from './snapshot-info.js';
import type { LoadedSnapshot, SnapshotOpContext } from './snapshot-op.js';

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

/**
 * The revert builds on each image and deletes each current top: refused while another VM writes to an image
 * (uses it directly) or anything but this VM and its snapshots uses a top (a clone built on it, another VM).
 */
async function refuseShared(ctx: SnapshotOpContext, plans: DiskPlan[]): Promise<void> {
  const usage = await readVolumeUsage(ctx.hosts.get(ctx.host), ctx.lv);
  const vm = ctx.dom.name;
  const ours = (u: VolumeUser): boolean => (u.kind === 'vm' && u.name === vm) || (u.kind === 'snapshot' && u.vm === vm);
  refuseUsed(ctx.host, [
    ...plans.map((p) => ({ volume: p.image, users: usage.usersOf(p.image, (u) => !(u.kind === 'vm' && u.via === undefined) || ours(u)) })),
    ...plans.flatMap((p) => (p.currentTop && p.currentTop !== p.image ? [{ volume: p.currentTop, users: usage.usersOf(p.currentTop, ours) }] : [])),
  ]);
}

export async function revertExternal(
  ctx: SnapshotOpContext,
  snap: LoadedSnapshot,
  all: LoadedSnapshot[],
  start: boolean | undefined,
  undo: UndoJournal,
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
  await refuseShared(ctx, plans);

  // New overlays and the definition that uses them: undone (over the host's current connection, or on its next
  // connect after a drop) if any step up to the stop fails. Once the VM is stopped the revert has happened.
  const entry = undo.begin(host, `revert ${dom.name} to ${name}`);
  try {
    ctx.progress(0.1, report('note.creating-overlays', {}));
    for (const p of plans) {
      entry.record({ kind: 'delete-file', path: p.overlay });
      await hostRun(session, 'snapshot.overlay-failed', ['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', p.imageFormat, '-b', p.image, p.overlay]);
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
    ctx.progress(0.3, report('note.defining-recorded', {}));
    entry.record({ kind: 'define-domain', uuid: dom.uuid, name: dom.name, xml: currentText });
    await lv.domainDefineXml(next.toXml());
    if (wasRunning) {
      ctx.progress(0.5, report('note.stopping-vm', {}));
      await lv.domainDestroy(dom).catch((err: unknown) => {
        throw new CoreError('snapshot.stop-failed', { vm: dom.name, cause: errorReport(err) }, { cause: err });
      });
    }
  } catch (err) {
    const out = await undo.rollback(entry);
    if (!out.left.length) throw err;
    throw new CoreError('undo.pending', { host, cause: errorReport(err), leftOver: out.left, why: out.error ?? report('undo.host-offline', { host }) }, { cause: err });
  }
  undo.commit(entry);

  // Reverted. The rest is bookkeeping: mark current, drop the discarded tops, start.
  ctx.progress(0.7, report('note.cleaning-up', {}));
  await lv.snapshotCreateXml(dom, snap.text, SnapshotCreateFlags.REDEFINE | SnapshotCreateFlags.CURRENT);
  const frozen = await frozenImages(ctx, all);
  for (const p of plans) {
    if (p.currentTop && p.currentTop !== p.image && !frozen.has(p.currentTop)) {
      await hostExec(session, ['rm', '-f', '--', p.currentTop]);
    }
  }
  if (start ?? wasRunning) {
    ctx.progress(0.9, report('note.starting-vm', {}));
    await lv.domainCreate(dom);
  }
  ctx.progress(1);
}
