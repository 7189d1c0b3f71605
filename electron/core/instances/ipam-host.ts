// The host side of IPAM: the config and the reservations of a network live on the host that owns it
// (core/ipam/host-store.ts) and the inventory rows are their cache. Reads of an online host refresh the cache and
// reads of an offline one come from it; a write needs the host (ipam.host-offline otherwise, nothing changed).
// On connect, what this home kept only locally (from before the host kept IPAM) is pushed to the host by exclusive
// create: a conflict is recorded as an event, never overwritten — the host's record wins.
import type { IpamConfig } from '../../../shared/model/instance.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { StoredReservation } from '../../inventory/instance-store.js';
import { SshError } from '../../ssh/errors.js';
import { CoreError } from '../errors.js';
import type { HostFiles } from '../hosts/host-files.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { IPAM_ROOT, networkOfKey, type HostReservation } from '../ipam/host-record.js';
import {
  claimOnHost, hostReservations, readHostConfig, releaseOnHost, removeHostConfig, rewriteOnHost, seedHostConfig, writeHostConfig,
} from '../ipam/host-store.js';

/** Who writes: OS user@machine, and the VirtDeck home (install) the task ids of its records belong to. */
export interface IpamIdentity {
  by: string;
  home: string;
}

export class IpamHost {
  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    readonly me: IpamIdentity,
  ) {}

  online(host: string): boolean {
    return this.hosts.isOnline(host);
  }

  /**
   * Runs fn on the host's files; a host whose link is down (or lost meanwhile) is ipam.host-offline. The link, not
   * the reported status, decides: the connect hook and a task's undo run before the host is reported online.
   */
  async on<T>(host: string, network: string, fn: (files: HostFiles) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.hosts.get(host).transport.files());
    } catch (err) {
      if (err instanceof CoreError) throw err;
      if (err instanceof SshError) throw new CoreError('ipam.host-offline', { host, network }, { cause: err });
      throw new CoreError('ipam.host-store', { host, network, output: err instanceof Error ? err.message : String(err) }, { cause: err });
    }
  }

  /** The host's config (the cache follows it); the cached one when the host is offline. */
  async config(host: string, network: string): Promise<IpamConfig | null> {
    if (!this.online(host)) return this.inventory.instances.getIpam(host, network);
    const config = await this.on(host, network, (files) => readHostConfig(files, host, network));
    const store = this.inventory.instances;
    if (config) store.putIpam(config);
    // A config from before the host kept IPAM stays until a connect pushes it.
    else if (!store.legacyIpam(host).some((c) => c.network === network)) store.removeIpam(host, network);
    return config ?? store.getIpam(host, network);
  }

  async writeConfig(config: IpamConfig): Promise<void> {
    await this.on(config.host, config.network, (files) => writeHostConfig(files, config, this.me.by));
    this.inventory.instances.putIpam(config);
  }

  async removeConfig(host: string, network: string): Promise<boolean> {
    const had = await this.on(host, network, (files) => removeHostConfig(files, network, this.me.by));
    return this.inventory.instances.removeIpam(host, network) || had;
  }

  /** The reservations of a network: the host's (the cache follows them), the cached ones when it is offline. */
  async reservations(config: IpamConfig): Promise<StoredReservation[]> {
    const { host, network } = config;
    if (!this.online(host)) return this.inventory.instances.reservations(host, network);
    const rows = (await this.on(host, network, (files) => hostReservations(files, network))).map((r) => toRow(host, network, r));
    this.inventory.atomically(() => {
      if (!this.inventory.instances.getIpam(host, network)) this.inventory.instances.putIpam(config);
      this.inventory.instances.cacheReservations(host, network, rows);
    });
    return rows;
  }

  /** The compare-and-set: true when this home now holds the address (its file was created here). */
  async claim(config: IpamConfig, r: Omit<HostReservation, 'by' | 'home' | 'at'>): Promise<boolean> {
    const rec: HostReservation = { ...r, by: this.me.by, home: this.me.home, at: new Date().toISOString() };
    const won = await this.on(config.host, config.network, (files) => claimOnHost(files, config.network, rec));
    if (won) this.inventory.instances.cacheReservation(toRow(config.host, config.network, rec));
    return won;
  }

  /** Frees an address on the host and in the cache; false when the host did not hold it. */
  async release(host: string, network: string, ip: string): Promise<boolean> {
    const had = await this.on(host, network, (files) => releaseOnHost(files, network, ip));
    this.inventory.instances.releaseIp(host, network, ip);
    return had;
  }

  /** Rewrites a reservation on the host as the cache has it now (bound to its VM, renamed, moved). */
  async rewrite(row: StoredReservation): Promise<void> {
    await this.on(row.host, row.network, (files) => rewriteOnHost(files, row.network, this.toHost(row)));
  }

  /**
   * A host is (back) online: configs and reservations this home kept from before the host kept them go to the host
   * (exclusive create; a conflict is recorded and the host's record kept), this home's orphans there are freed, and
   * the cache becomes what the host holds — including networks another home set up.
   */
  async hostConnected(host: string): Promise<void> {
    const store = this.inventory.instances;
    await this.on(host, '', async (files) => {
      for (const config of store.legacyIpam(host)) await seedHostConfig(files, config, this.me.by);
      const names = (await files.list(IPAM_ROOT)).map(networkOfKey).filter((n): n is string => n !== null);
      for (const network of new Set([...names, ...store.listIpam(host).map((c) => c.network)])) {
        const config = await readHostConfig(files, host, network);
        if (!config) {
          store.removeIpam(host, network);
          continue;
        }
        store.putIpam(config);
        const held = new Map((await hostReservations(files, network)).map((r) => [r.ip, r]));
        for (const row of store.reservations(host, network)) {
          // Only rows from before the host kept reservations: a row the host confirmed once and no longer has was
          // released there (by any home) and must not come back.
          if (row.home != null || this.orphan(row)) continue;
          const there = held.get(row.ip);
          if (there) {
            if (there.home !== this.me.home) this.conflict(host, network, row, there);
            continue;
          }
          const rec = this.toHost(row);
          if (await claimOnHost(files, network, rec)) held.set(row.ip, rec);
          else this.conflict(host, network, row, (await hostReservations(files, network)).find((r) => r.ip === row.ip));
        }
        for (const r of held.values()) {
          if (r.home === this.me.home && this.orphan(toRow(host, network, r)) && (await releaseOnHost(files, network, r.ip))) held.delete(r.ip);
        }
        this.inventory.atomically(() => store.cacheReservations(host, network, [...held.values()].map((r) => toRow(host, network, r))));
      }
    });
  }

  /** Bound to no VM, reserved by no hand, held by no pending undo of this home. */
  private orphan(row: StoredReservation): boolean {
    return row.vmUuid === null && row.note == null && (row.taskId === null || this.inventory.undo.get(row.taskId) === null);
  }

  private conflict(host: string, network: string, row: StoredReservation, theirs: HostReservation | undefined): void {
    this.inventory.appendEvent({
      host, vmUuid: row.vmUuid, kind: 'ipam-conflict', at: new Date(),
      message: `${row.ip} in ${network} was held here by ${row.vmName || row.note || 'a reservation'}, but the host has it for ${theirs?.vmName || theirs?.note || theirs?.by || 'someone else'}: the host's record is kept`,
      data: { network, ip: row.ip, ours: { vm: row.vmName, note: row.note ?? null }, theirs: theirs ?? null },
    });
  }

  toHost(row: StoredReservation): HostReservation {
    return {
      ip: row.ip, vmName: row.vmName, vmUuid: row.vmUuid, taskId: row.taskId, note: row.note ?? null,
      by: row.by ?? this.me.by, home: row.home ?? this.me.home, at: row.createdAt,
    };
  }
}

export function toRow(host: string, network: string, r: HostReservation): StoredReservation {
  return {
    host, network, ip: r.ip, vmName: r.vmName, vmUuid: r.vmUuid, taskId: r.taskId, createdAt: r.at || new Date().toISOString(),
    note: r.note, by: r.by || null, home: r.home || null,
  };
}
