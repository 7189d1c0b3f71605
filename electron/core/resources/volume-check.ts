// libvirt sends no event when a volume is created, deleted or resized (checked on 9.0). So each active pool's
// volume names are compared with the last look; libvirtd answers from memory, one call per pool, no disk scan.
import type { ResourceRef } from '../../../shared/model/events.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { ListPoolsFlags } from '../../libvirt/protocol/index.js';

export class VolumeCheck {
  /** Volume names per pool at the last look; a pool seen for the first time gives no events. */
  private known = new Map<string, ReadonlySet<string>>();
  private busy = false;

  constructor(
    private readonly lv: LibvirtConnection,
    private readonly changed: (ref: ResourceRef) => void,
  ) {}

  /** Looks every `ms` while `wanted()`, until the connection closes. */
  every(ms: number, wanted: () => boolean): void {
    const timer = setInterval(() => {
      if (wanted()) void this.look();
    }, ms).unref();
    this.lv.once('close', () => clearInterval(timer));
  }

  /** One look: reports each volume that appeared or went away since the last one. */
  async look(): Promise<void> {
    if (this.busy || this.lv.closed) return;
    this.busy = true;
    try {
      const pools = await this.lv.listAllStoragePools(ListPoolsFlags.ACTIVE);
      const now = new Map<string, ReadonlySet<string>>();
      await Promise.all(
        pools.map(async (pool) => {
          const before = this.known.get(pool.name);
          const names = await this.lv.storagePoolListAllVolumes(pool).then(
            (vols) => new Set(vols.map((v) => v.name)),
            () => before, // stopped or gone in the meantime: its own pool event says so
          );
          if (!names) return;
          now.set(pool.name, names);
          if (!before) return;
          for (const name of names) if (!before.has(name)) this.changed({ kind: 'volume', pool: pool.name, name });
          for (const name of before) if (!names.has(name)) this.changed({ kind: 'volume', pool: pool.name, name });
        }),
      );
      this.known = now;
    } catch {
      // The host did not answer this time; the next look compares with the last good one.
    } finally {
      this.busy = false;
    }
  }
}
