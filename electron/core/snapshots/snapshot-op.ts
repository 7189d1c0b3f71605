// What the snapshot service hands the external revert/delete helpers: its own file, so the helpers do not import
// the service that imports them.
import type { LibvirtApi } from '../../libvirt/api.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import type { DomainRef } from '../../libvirt/protocol/index.js';
import type { SnapshotRef } from '../../libvirt/protocol/snapshots.js';
import type { SnapshotXml } from '../../libvirt/xml/snapshot.js';
import type { HostRegistry } from '../hosts/host-registry.js';

export interface SnapshotOpContext {
  lv: LibvirtApi;
  dom: DomainRef;
  host: string;
  hosts: HostRegistry;
  progress: (fraction: number | null, message?: ErrorReport) => void;
}

export interface LoadedSnapshot {
  ref: SnapshotRef;
  xml: SnapshotXml;
  text: string;
}
