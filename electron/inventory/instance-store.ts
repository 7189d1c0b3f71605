// Tables of cloud-init instances (schema version 2): image library, flavors, IPAM configs, IP reservations and
// the instances VirtDeck launched. Plain rows in, plain rows out; the core decides what is valid.
import type { DatabaseSync } from 'node:sqlite';
import type { Flavor, IpamConfig } from '../../shared/model/instance.js';
import { InventoryError } from './errors.js';
import { hostRows, oneRow, type Row } from './sql.js';

/** An image row as stored (live volume facts come from the host). */
export interface StoredImage {
  host: string;
  name: string;
  pool: string;
  volume: string;
  sha256: string | null;
  source: string;
  os: string | null;
  defaultUser: string | null;
  addedAt: string;
}

export interface StoredReservation {
  host: string;
  network: string;
  ip: string;
  vmName: string;
  vmUuid: string | null;
  /** The pending undo (task) that holds the address until its VM exists; null once bound to the VM. */
  taskId: string | null;
  createdAt: string;
  /** What an address reserved by hand is for (null: a VM's address). */
  note?: string | null;
  /** OS user@machine that reserved it. */
  by?: string | null;
  /** The VirtDeck home that reserved it (null: this one, from before the host kept reservations). */
  home?: string | null;
}

export interface StoredInstance {
  host: string;
  vmUuid: string;
  vmName: string;
  image: string;
  pool: string;
  seedVolume: string;
  createdAt: string;
}

const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

function isDuplicate(err: unknown): boolean {
  const code = (err as { errcode?: number }).errcode;
  return code === SQLITE_CONSTRAINT_PRIMARYKEY || code === SQLITE_CONSTRAINT_UNIQUE;
}

const toImage = (r: Row): StoredImage => ({
  host: r.host as string,
  name: r.name as string,
  pool: r.pool as string,
  volume: r.volume as string,
  sha256: (r.sha256 as string | null) ?? null,
  source: r.source as string,
  os: (r.os as string | null) ?? null,
  defaultUser: (r.default_user as string | null) ?? null,
  addedAt: r.added_at as string,
});
const toFlavor = (r: Row): Flavor => ({
  name: r.name as string,
  vcpus: Number(r.vcpus),
  memoryMiB: Number(r.memory_mib),
  diskBytes: Number(r.disk_bytes),
});
const toIpam = (r: Row): IpamConfig => ({
  ...(JSON.parse(r.config as string) as Omit<IpamConfig, 'host' | 'network' | 'kind'>),
  host: r.host as string,
  network: r.network as string,
  kind: r.kind as IpamConfig['kind'],
});
const toReservation = (r: Row): StoredReservation => ({
  host: r.host as string,
  network: r.network as string,
  ip: r.ip as string,
  vmName: r.vm_name as string,
  vmUuid: (r.vm_uuid as string | null) ?? null,
  taskId: (r.task_id as string | null) ?? null,
  createdAt: r.created_at as string,
  note: (r.note as string | null) ?? null,
  by: (r.by_who as string | null) ?? null,
  home: (r.home as string | null) ?? null,
});
const toInstance = (r: Row): StoredInstance => ({
  host: r.host as string,
  vmUuid: r.vm_uuid as string,
  vmName: r.vm_name as string,
  image: r.image as string,
  pool: r.pool as string,
  seedVolume: r.seed_volume as string,
  createdAt: r.created_at as string,
});

export class InstanceStore {
  // No parameter properties: inventory files also run under Node's type stripping (crash/concurrency tests).
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  // --- images ---

  addImage(img: StoredImage): void {
    try {
      this.db
        .prepare('INSERT INTO images (host, name, pool, volume, sha256, source, os, default_user, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(img.host, img.name, img.pool, img.volume, img.sha256, img.source, img.os, img.defaultUser, img.addedAt);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const same = this.getImage(img.host, img.name);
      throw same
        ? new InventoryError('image-exists', `an image named "${img.name}" exists already on ${img.host}`, { host: img.host, name: img.name })
        : new InventoryError('volume-registered', `${img.pool}/${img.volume} on ${img.host} is registered already as another image`, {
            host: img.host,
            pool: img.pool,
            volume: img.volume,
          });
    }
  }

  getImage(host: string, name: string): StoredImage | null {
    return oneRow(this.db, 'SELECT * FROM images WHERE host = ? AND name = ?', toImage, host, name);
  }

  listImages(host?: string): StoredImage[] {
    return hostRows(this.db, { all: 'SELECT * FROM images ORDER BY host, name', ofHost: 'SELECT * FROM images WHERE host = ? ORDER BY name' }, toImage, host);
  }

  removeImage(host: string, name: string): boolean {
    return this.db.prepare('DELETE FROM images WHERE host = ? AND name = ?').run(host, name).changes > 0;
  }

  // --- flavors ---

  listFlavors(): Flavor[] {
    return this.db.prepare('SELECT * FROM flavors ORDER BY vcpus, memory_mib, disk_bytes, name').all().map(toFlavor);
  }

  getFlavor(name: string): Flavor | null {
    return oneRow(this.db, 'SELECT * FROM flavors WHERE name = ?', toFlavor, name);
  }

  /** Adds or replaces (flavors are user-editable, defaults included). */
  putFlavor(f: Flavor): void {
    this.db
      .prepare('INSERT INTO flavors (name, vcpus, memory_mib, disk_bytes) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET vcpus = excluded.vcpus, memory_mib = excluded.memory_mib, disk_bytes = excluded.disk_bytes')
      .run(f.name, f.vcpus, f.memoryMiB, f.diskBytes);
  }

  removeFlavor(name: string): boolean {
    return this.db.prepare('DELETE FROM flavors WHERE name = ?').run(name).changes > 0;
  }

  // --- IPAM ---

  putIpam(c: IpamConfig): void {
    const { host, network, kind, ...config } = c;
    this.db
      .prepare(
        'INSERT INTO ipam_networks (host, network, kind, config, on_host) VALUES (?, ?, ?, ?, 1) ON CONFLICT (host, network) DO UPDATE SET kind = excluded.kind, config = excluded.config, on_host = 1',
      )
      .run(host, network, kind, JSON.stringify(config));
  }

  getIpam(host: string, network: string): IpamConfig | null {
    return oneRow(this.db, 'SELECT * FROM ipam_networks WHERE host = ? AND network = ?', toIpam, host, network);
  }

  listIpam(host?: string): IpamConfig[] {
    const sql = { all: 'SELECT * FROM ipam_networks ORDER BY host, network', ofHost: 'SELECT * FROM ipam_networks WHERE host = ? ORDER BY network' };
    return hostRows(this.db, sql, toIpam, host);
  }

  /** Configs of the host kept from before the hosts kept IPAM (never confirmed by the host). */
  legacyIpam(host: string): IpamConfig[] {
    return this.db.prepare('SELECT * FROM ipam_networks WHERE host = ? AND on_host = 0 ORDER BY network').all(host).map(toIpam);
  }

  /** Removes the config and its reservations. */
  removeIpam(host: string, network: string): boolean {
    return this.db.prepare('DELETE FROM ipam_networks WHERE host = ? AND network = ?').run(host, network).changes > 0;
  }

  /** Returns false when the address is reserved already (the caller picks another or reports it). */
  reserve(r: StoredReservation): boolean {
    try {
      this.insertReservation(r);
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  private insertReservation(r: StoredReservation): void {
    this.db
      .prepare('INSERT INTO ip_reservations (host, network, ip, vm_name, vm_uuid, task_id, created_at, note, by_who, home) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.host, r.network, r.ip, r.vmName, r.vmUuid, r.taskId, r.createdAt, r.note ?? null, r.by ?? null, r.home ?? null);
  }

  /**
   * The cache of one network becomes what its host holds (the config row must exist; run in a transaction). Rows
   * from before the host kept reservations (no home) stay until a connect pushes them, unless the host has the address.
   */
  cacheReservations(host: string, network: string, rows: readonly StoredReservation[]): void {
    this.db.prepare('DELETE FROM ip_reservations WHERE host = ? AND network = ? AND home IS NOT NULL').run(host, network);
    for (const r of rows) this.cacheReservation(r);
  }

  /** A reservation the host holds now replaces whatever the cache had for that address. */
  cacheReservation(r: StoredReservation): void {
    this.db.prepare('DELETE FROM ip_reservations WHERE host = ? AND network = ? AND ip = ?').run(r.host, r.network, r.ip);
    this.insertReservation(r);
  }

  reservations(host?: string, network?: string): StoredReservation[] {
    if (host !== undefined && network !== undefined) {
      return this.db.prepare('SELECT * FROM ip_reservations WHERE host = ? AND network = ? ORDER BY ip').all(host, network).map(toReservation);
    }
    return this.db.prepare('SELECT * FROM ip_reservations ORDER BY host, network, ip').all().map(toReservation);
  }

  /** Ties a reservation made before the domain existed to the domain's uuid (its task no longer holds it). */
  bindReservation(host: string, network: string, ip: string, vmUuid: string): void {
    const { changes } = this.db
      .prepare('UPDATE ip_reservations SET vm_uuid = ?, task_id = NULL WHERE host = ? AND network = ? AND ip = ?')
      .run(vmUuid, host, network, ip);
    if (changes === 0) throw new InventoryError('invalid', `no reservation of ${ip} in ${host}/${network}`);
  }

  /**
   * Releases reservations past their task: bound to no VM and held by no pending undo (the task ended without
   * binding it, e.g. its process died before it could record the release; or a VirtDeck before schema 3 left it).
   */
  releaseOrphans(home: string | null = null): StoredReservation[] {
    // Only this home's: another home's task ids are not in this file, and an address reserved by hand has no task.
    return this.db
      .prepare(
        'DELETE FROM ip_reservations WHERE vm_uuid IS NULL AND note IS NULL AND (home IS NULL OR home = ?) AND (task_id IS NULL OR task_id NOT IN (SELECT id FROM pending_undo)) RETURNING *',
      )
      .all(home)
      .map(toReservation);
  }

  /** A held address follows its VM to the same segment on another host (migration). */
  moveReservation(host: string, network: string, ip: string, toHost: string, toNetwork: string): void {
    this.db.prepare('UPDATE ip_reservations SET host = ?, network = ? WHERE host = ? AND network = ? AND ip = ?').run(toHost, toNetwork, host, network, ip);
  }

  releaseIp(host: string, network: string, ip: string): boolean {
    return this.db.prepare('DELETE FROM ip_reservations WHERE host = ? AND network = ? AND ip = ?').run(host, network, ip).changes > 0;
  }

  /** Releases every address of a VM, on whichever host's network it was reserved (a VM may have moved); returns the released rows. */
  releaseVm(vmUuid: string): StoredReservation[] {
    return this.db.prepare('DELETE FROM ip_reservations WHERE vm_uuid = ? RETURNING *').all(vmUuid).map(toReservation);
  }

  // --- instances ---

  /** A renamed VM keeps its address reservations and instance record under its new name. */
  renameVm(host: string, vmUuid: string, newName: string): void {
    this.db.prepare('UPDATE ip_reservations SET vm_name = ? WHERE host = ? AND vm_uuid = ?').run(newName, host, vmUuid);
    this.db.prepare('UPDATE instances SET vm_name = ? WHERE host = ? AND vm_uuid = ?').run(newName, host, vmUuid);
  }

  addInstance(i: StoredInstance): void {
    this.db
      .prepare('INSERT INTO instances (host, vm_uuid, vm_name, image, pool, seed_volume, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(i.host, i.vmUuid, i.vmName, i.image, i.pool, i.seedVolume, i.createdAt);
  }

  /** The instance record follows its VM to another host (migration); its address stays held where it was. */
  moveInstance(from: string, to: string, vmUuid: string): void {
    this.db.prepare('UPDATE instances SET host = ? WHERE host = ? AND vm_uuid = ?').run(to, from, vmUuid);
  }

  /** The instance row of a VM, if VirtDeck launched it. */
  getInstance(host: string, vmUuid: string): StoredInstance | null {
    return oneRow(this.db, 'SELECT * FROM instances WHERE host = ? AND vm_uuid = ?', toInstance, host, vmUuid);
  }

  /**
   * MiB of memory of the running VMs launched on `host` at or after `since` (ISO time). A guest that has just booted
   * has touched little of its RAM, so the host's free memory does not show yet what it will take.
   */
  recentLaunchMemoryMiB(host: string, since: string): number {
    const row = this.db
      .prepare(`SELECT COALESCE(SUM(v.memory_mib), 0) AS mib FROM instances i JOIN vms v ON v.host = i.host AND v.uuid = i.vm_uuid
                WHERE i.host = ? AND i.created_at >= ? AND v.state = 'running'`)
      .get(host, since);
    return Number(row?.mib ?? 0);
  }

  /** Removes and returns the instance row of a VM, if VirtDeck launched it. */
  takeInstance(host: string, vmUuid: string): StoredInstance | null {
    return oneRow(this.db, 'DELETE FROM instances WHERE host = ? AND vm_uuid = ? RETURNING *', toInstance, host, vmUuid);
  }
}
