// Every resource live: libvirt's pool and network events, the changes our own calls make where libvirt sends no
// event, snapshot reverts seen in domain events and a check of the volume lists (libvirt has no volume events)
// all become one core event, `resource-changed {host, kind, name}`. Domains have their own events (VmService).
import type { CoreEvent, ResourceRef } from '../../../shared/model/events.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { NetworkEventId, PoolEventId } from '../../libvirt/protocol/index.js';
import { VolumeCheck } from './volume-check.js';

export class ResourceWatch {
  /**
   * `wanted()`: false while nobody listens to core events (the volume looks are skipped then);
   * `volumeCheckMs`: time between two looks at a host's volume lists.
   */
  constructor(
    private readonly emit: (e: CoreEvent) => void,
    private readonly wanted: () => boolean,
    private readonly volumeCheckMs = 500,
  ) {}

  /** Called for every new libvirt connection of a host: listen first, then subscribe. */
  async attach(host: string, lv: LibvirtConnection): Promise<void> {
    const changed = (ref: ResourceRef): void => this.emit({ type: 'resource-changed', host, ...ref });
    lv.on('pool-event', (e) => changed({ kind: 'pool', name: e.pool.name }));
    lv.on('network-event', (e) => changed({ kind: 'network', name: e.net.name }));
    lv.on('changed', changed);
    // libvirt says nothing when a snapshot is made or deleted behind our back, only when a VM goes back to one.
    lv.on('domain-event', (e) => {
      if (e.kind === 'lifecycle' && e.detail === 'from-snapshot') changed({ kind: 'snapshot', vm: e.dom.uuid, name: null });
    });
    // A daemon without the storage or network driver refuses these; the host works on without them.
    await Promise.allSettled([
      lv.registerPoolEvent(PoolEventId.LIFECYCLE),
      lv.registerPoolEvent(PoolEventId.REFRESH),
      lv.registerNetworkEvent(NetworkEventId.LIFECYCLE),
    ]);
    new VolumeCheck(lv, changed).every(this.volumeCheckMs, this.wanted);
  }
}
