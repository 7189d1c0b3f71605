// A running VM is cloned from its disks as they were at one moment: during the copy it writes to temporary qcow2
// overlays (an external disk-only snapshot without metadata), so the files under them hold still. Afterwards — after
// a failure or cancel too — each overlay is committed back into its disk (active commit, pivot), removed, and the
// VM's persistent definition is the one it had before.
import { randomBytes } from 'node:crypto';
import type { LibvirtApi } from '../../../libvirt/api.js';
import { DomainXmlFlags, type DomainRef } from '../../../libvirt/protocol/index.js';
import { SnapshotCreateFlags } from '../../../libvirt/protocol/snapshots.js';
import { DomainXml } from '../../../libvirt/xml/domain.js';
import { SnapshotXml } from '../../../libvirt/xml/snapshot.js';
import { hostRun } from '../../hosts/host-exec.js';
import type { HostSession } from '../../hosts/host-session.js';
import { commitActive } from '../../snapshots/external-delete.js';

export interface FrozenDisk {
  target: string;
  path: string;
}

export async function withFrozenDisks<T>(session: HostSession, lv: LibvirtApi, dom: DomainRef, disks: readonly FrozenDisk[], fn: () => Promise<T>): Promise<T> {
  const tag = randomBytes(4).toString('hex');
  const overlays = disks.map((d) => ({ ...d, overlay: `${d.path}.clone-${tag}` }));
  const definition = await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
  const sx = SnapshotXml.create({ name: `virtdeck-clone-${tag}`, memorySnapshot: 'no' });
  for (const d of DomainXml.parse(await lv.domainGetXmlDesc(dom, 0)).disks) {
    if (d.targetDev === null) continue;
    const o = overlays.find((x) => x.target === d.targetDev);
    if (o) sx.addDisk({ name: o.target, snapshot: 'external', sourceFile: o.overlay, driverType: 'qcow2' });
    else sx.addDisk({ name: d.targetDev, snapshot: 'no' });
  }
  await lv.snapshotCreateXml(dom, sx.toXml(), SnapshotCreateFlags.DISK_ONLY | SnapshotCreateFlags.ATOMIC | SnapshotCreateFlags.NO_METADATA);
  try {
    return await fn();
  } finally {
    for (const o of overlays) {
      await commitActive(lv, dom, o.target, o.path, () => undefined);
      await hostRun(session, 'clone.cleanup-failed', ['rm', '-f', '--', o.overlay]);
    }
    if ((await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE)) !== definition) await lv.domainDefineXml(definition, 0);
  }
}
