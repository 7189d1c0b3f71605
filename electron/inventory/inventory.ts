// The local inventory: hosts, every VM seen on each host, and an append-only event history, in one SQLite file.
//
// Durability: WAL + synchronous=FULL. WAL alone keeps the file consistent through kill -9 and power loss; FULL also
// fsyncs the WAL on every commit, so a commit that returned survives a power cut too (NORMAL could lose the last
// commits — e.g. a VM lock the user just set). One kind of write skips that fsync: a host's listing (syncHostVms),
// a copy of what the host says that the next listing reads again. A power cut can lose only the commits after the
// last fsync of the WAL (it is appended in order, and any later FULL commit flushes the earlier ones with its own),
// so at worst the last listings, never a write made after them. On a busy disk that fsync took 10-30 ms per host,
// on the path of every `virtdeck vm list`.
// Concurrency: the app and the CLI may open the file at once. Readers never block under WAL; writers start with
// BEGIN IMMEDIATE so they wait (busy timeout) for the write lock up front instead of failing on a lock upgrade.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { HostConfig } from '../../shared/model/host.js';
import { InventoryError } from './errors.js';
import { FactColumnStore } from './fact-column-store.js';
import { InstanceStore } from './instance-store.js';
import { LIVE_COLUMNS, liveValues, rowLiveValues, rowToEvent, rowToHost, rowToVm } from './rows.js';
import { migrate } from './schema.js';
import { UndoStore } from './undo-store.js';
import type {
  EventFilter,
  EventInput,
  StoredEvent,
  StoredVm,
  SyncResult,
  VmFilter,
  VmSnapshot,
} from './types.js';

/** How long a writer waits for another process's write to finish before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Events kept per VM (uuid): appending one more drops that VM's oldest. Migration 3 pruned with the same bound. */
export const EVENTS_PER_VM = 1000;

const UPSERT_VM_SQL = `
  INSERT INTO vms (host, uuid, ${LIVE_COLUMNS.join(', ')}, xml_digest, first_seen, last_seen)
  VALUES (?, ?, ${LIVE_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)
  ON CONFLICT (host, uuid) DO UPDATE SET
    ${LIVE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, xml_digest = excluded.xml_digest, last_seen = excluded.last_seen
  RETURNING *`;

function prepareStatements(db: DatabaseSync) {
  return {
    insertHost: db.prepare('INSERT INTO hosts (name, config) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
    updateHost: db.prepare('UPDATE hosts SET config = ? WHERE name = ?'),
    deleteHost: db.prepare('DELETE FROM hosts WHERE name = ?'),
    getHost: db.prepare('SELECT config FROM hosts WHERE name = ?'),
    listHosts: db.prepare('SELECT config FROM hosts ORDER BY name'),
    upsertVm: db.prepare(UPSERT_VM_SQL),
    deleteVm: db.prepare('DELETE FROM vms WHERE host = ? AND uuid = ?'),
    vmsOfHost: db.prepare('SELECT * FROM vms WHERE host = ? ORDER BY name, uuid'),
    xmlDigests: db.prepare('SELECT uuid, xml_digest FROM vms WHERE host = ? AND xml_digest IS NOT NULL'),
    allVms: db.prepare('SELECT * FROM vms ORDER BY host, name, uuid'),
    // libvirt prints UUIDs in lower case; users may type them in upper case.
    vmByUuid: db.prepare('SELECT * FROM vms WHERE host = ? AND lower(uuid) = lower(?)'),
    // Names are unique on a host, but a missed removal can leave an older row with the same name: prefer the newest.
    vmByName: db.prepare('SELECT * FROM vms WHERE host = ? AND name = ? ORDER BY last_seen DESC, uuid LIMIT 1'),
    seenUntil: db.prepare('UPDATE vms SET last_seen = ? WHERE host = ? AND last_seen < ?'),
    insertEvent: db.prepare(
      'INSERT INTO events (host, vm_uuid, kind, message, at, data) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    pruneVmEvents: db.prepare(
      'DELETE FROM events WHERE vm_uuid = ? AND id <= (SELECT id FROM events WHERE vm_uuid = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
    ),
  };
}

function iso(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new InventoryError('invalid', 'invalid date');
  return at.toISOString();
}

function sameValues(a: SQLInputValue[], b: SQLInputValue[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Every table with rows under a host's name (events are append-only history: they keep the name they happened under). */
const HOST_TABLES = ['vms', 'images', 'ipam_networks', 'ip_reservations', 'instances', 'pending_undo'] as const;

export class Inventory {
  readonly file: string;
  private readonly db: DatabaseSync;
  private readonly q: ReturnType<typeof prepareStatements>;
  /** Images, flavors, IPAM and launched instances (cloud-init). */
  readonly instances: InstanceStore;
  /** What multi-step tasks still have to take back on their hosts. */
  readonly undo: UndoStore;
  /** Definitions of the custom fact columns. */
  readonly columns: FactColumnStore;

  private constructor(file: string, db: DatabaseSync) {
    this.file = file;
    this.db = db;
    this.q = prepareStatements(db);
    this.instances = new InstanceStore(db);
    this.undo = new UndoStore(db);
    this.columns = new FactColumnStore(db);
  }

  /** Opens (creating directories and the file as needed) and migrates to the current schema. ':memory:' works. */
  static open(file: string): Inventory {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
    try {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      migrate(db, file);
      return new Inventory(file, db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Runs fn in one write transaction: every write of fn (any store) lands, or none does. Nests (joins the outer one).
   * `durable: false`: the commit does not wait for the disk (see Durability above); only for what the hosts still hold.
   */
  atomically<T>(fn: () => T, { durable = true }: { durable?: boolean } = {}): T {
    if (this.db.isTransaction) return fn();
    if (!durable) this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = fn();
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      if (!durable) this.db.exec('PRAGMA synchronous = FULL');
    }
  }

  private requireHost(name: string): void {
    if (this.q.getHost.get(name) === undefined) throw new InventoryError('host-not-found', `no host named ${name}`, { host: name });
  }

  // --- hosts ---

  addHost(cfg: HostConfig): void {
    if (cfg.name === '') throw new InventoryError('invalid', 'host name is empty');
    const { changes } = this.q.insertHost.run(cfg.name, JSON.stringify(cfg));
    if (changes === 0) throw new InventoryError('host-exists', `a host named ${cfg.name} exists already`, { host: cfg.name });
  }

  /** Replaces the config of the host named cfg.name. */
  updateHost(cfg: HostConfig): void {
    const { changes } = this.q.updateHost.run(JSON.stringify(cfg), cfg.name);
    if (changes === 0) throw new InventoryError('host-not-found', `no host named ${cfg.name}`, { host: cfg.name });
  }

  /**
   * Gives a host a new name (and config): everything stored under the old name (VMs, images, IPAM, instances,
   * pending undo steps) moves with it, in one transaction; past events keep the name they were recorded under.
   */
  renameHost(oldName: string, cfg: HostConfig): void {
    this.atomically(() => {
      this.requireHost(oldName);
      if (this.q.getHost.get(cfg.name) !== undefined) throw new InventoryError('host-exists', `a host named ${cfg.name} exists already`, { host: cfg.name });
      // The child rows and the host change in turn; the foreign keys are checked once, at commit.
      this.db.exec('PRAGMA defer_foreign_keys = ON');
      for (const table of HOST_TABLES) this.db.prepare(`UPDATE ${table} SET host = ? WHERE host = ?`).run(cfg.name, oldName);
      this.db.prepare('UPDATE hosts SET name = ?, config = ? WHERE name = ?').run(cfg.name, JSON.stringify(cfg), oldName);
    });
  }

  /** Removes the host and its VMs (foreign-key cascade, one statement); its events stay. */
  removeHost(name: string): void {
    const { changes } = this.q.deleteHost.run(name);
    if (changes === 0) throw new InventoryError('host-not-found', `no host named ${name}`, { host: name });
  }

  getHost(name: string): HostConfig | null {
    const row = this.q.getHost.get(name);
    return row === undefined ? null : rowToHost(row);
  }

  listHosts(): HostConfig[] {
    return this.q.listHosts.all().map(rowToHost);
  }

  // --- VMs ---

  /**
   * Records the complete VM list just read from a connected host, in one transaction: upserts by uuid (a renamed VM
   * keeps its row and firstSeen), sets lastSeen = seenAt on all, removes rows of VMs no longer listed. Committed
   * without waiting for the disk: the host still holds all of it (see Durability).
   */
  syncHostVms(host: string, vms: VmSnapshot[], seenAt: Date): SyncResult {
    const at = iso(seenAt);
    const uuids = new Set(vms.map((vm) => vm.uuid));
    if (uuids.size !== vms.length) throw new InventoryError('invalid', `duplicate uuid in the VM list of ${host}`);
    return this.atomically(() => {
      this.requireHost(host);
      const before = new Map(this.q.vmsOfHost.all(host).map((row) => [row.uuid as string, row]));
      const result: SyncResult = { added: [], changed: [], removed: [], unchanged: 0 };
      for (const vm of vms) {
        const values = liveValues(vm);
        const stored = rowToVm(this.q.upsertVm.get(host, vm.uuid, ...values, vm.xmlDigest ?? null, at, at)!);
        const old = before.get(vm.uuid);
        before.delete(vm.uuid);
        if (old === undefined) result.added.push(stored);
        else if (sameValues(rowLiveValues(old), values)) result.unchanged++;
        else result.changed.push(stored);
      }
      for (const [uuid, row] of before) {
        this.q.deleteVm.run(host, uuid);
        result.removed.push(rowToVm(row));
      }
      return result;
    }, { durable: false });
  }

  /**
   * The host's link dropped at `at`: until then its events kept every row true, so each was seen then (a row is never
   * moved back in time).
   */
  markHostVmsSeen(host: string, at: Date): void {
    const when = iso(at);
    this.q.seenUntil.run(when, host, when);
  }

  /** Records one VM's new state and facts (e.g. after a domain event); keeps firstSeen. */
  upsertVm(host: string, vm: VmSnapshot, seenAt: Date): StoredVm {
    const at = iso(seenAt);
    return this.atomically(() => {
      this.requireHost(host);
      return rowToVm(this.q.upsertVm.get(host, vm.uuid, ...liveValues(vm), vm.xmlDigest ?? null, at, at)!);
    });
  }

  /** uuid → digest of the live XML each VM of the host was last read from (VMs read without one are left out). */
  xmlDigests(host: string): Map<string, string> {
    return new Map(this.q.xmlDigests.all(host).map((row) => [row.uuid as string, row.xml_digest as string]));
  }

  /** Returns false when there was no such row. */
  removeVm(host: string, uuid: string): boolean {
    return this.q.deleteVm.run(host, uuid).changes > 0;
  }

  /** Sorted by host, then name (byte order), then uuid. */
  listVms(filter: VmFilter = {}): StoredVm[] {
    const rows = filter.host === undefined ? this.q.allVms.all() : this.q.vmsOfHost.all(filter.host);
    return rows.map(rowToVm);
  }

  /** By uuid (any case) first, then by exact name. */
  getVm(host: string, nameOrUuid: string): StoredVm | null {
    const row = this.q.vmByUuid.get(host, nameOrUuid) ?? this.q.vmByName.get(host, nameOrUuid);
    return row === undefined ? null : rowToVm(row);
  }

  // --- events ---

  /** Appends one event; returns its id. A VM keeps its latest EVENTS_PER_VM events. */
  appendEvent(e: EventInput): number {
    const data = e.data === undefined ? null : JSON.stringify(e.data);
    const at = iso(e.at);
    return this.atomically(() => {
      const { lastInsertRowid } = this.q.insertEvent.run(e.host, e.vmUuid, e.kind, e.message, at, data);
      if (e.vmUuid !== null) this.q.pruneVmEvents.run(e.vmUuid, e.vmUuid, EVENTS_PER_VM);
      return Number(lastInsertRowid);
    });
  }

  /** Oldest first. See EventFilter for how limit and sinceId combine. */
  listEvents(filter: EventFilter = {}): StoredEvent[] {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (filter.host !== undefined) {
      where.push('host = ?');
      params.push(filter.host);
    }
    if (filter.vmUuid !== undefined) {
      where.push('vm_uuid = ?');
      params.push(filter.vmUuid);
    }
    if (filter.sinceId !== undefined) {
      where.push('id > ?');
      params.push(filter.sinceId);
    }
    const latest = filter.limit !== undefined && filter.sinceId === undefined;
    let sql = `SELECT * FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    sql += ` ORDER BY id ${latest ? 'DESC' : 'ASC'}`;
    if (filter.limit !== undefined) {
      if (!Number.isInteger(filter.limit) || filter.limit < 0) {
        throw new InventoryError('invalid', `invalid limit ${filter.limit}`);
      }
      sql += ' LIMIT ?';
      params.push(filter.limit);
    }
    const events = this.db.prepare(sql).all(...params).map(rowToEvent);
    return latest ? events.reverse() : events;
  }
}
