// Schema versions. MIGRATIONS[i] takes a file from user_version i to i + 1; append new entries, never edit old ones.
import type { DatabaseSync } from 'node:sqlite';
import { InventoryError } from './errors.js';

const MIGRATIONS: readonly string[] = [
  // 1: hosts, VMs, events.
  `
  CREATE TABLE hosts (
    name   TEXT PRIMARY KEY NOT NULL,
    -- The whole HostConfig as JSON: new optional fields need no migration.
    config TEXT NOT NULL CHECK (json_valid(config))
  ) STRICT;

  CREATE TABLE vms (
    host       TEXT NOT NULL REFERENCES hosts(name) ON DELETE CASCADE,
    uuid       TEXT NOT NULL,
    name       TEXT NOT NULL,
    state      TEXT NOT NULL,
    vcpus      INTEGER NOT NULL,
    memory_mib INTEGER NOT NULL,
    autostart  INTEGER NOT NULL CHECK (autostart IN (0, 1)),
    persistent INTEGER NOT NULL CHECK (persistent IN (0, 1)),
    disks      TEXT NOT NULL CHECK (json_valid(disks)),
    nics       TEXT NOT NULL CHECK (json_valid(nics)),
    ips        TEXT NOT NULL CHECK (json_valid(ips)),
    -- Local fields, owned by VirtDeck: a sync never touches them.
    locked     INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    PRIMARY KEY (host, uuid)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX vms_by_name ON vms(host, name);

  -- Append-only history. No foreign keys: events outlive their host and VM.
  CREATE TABLE events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    host    TEXT,
    vm_uuid TEXT,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL,
    data    TEXT CHECK (data IS NULL OR json_valid(data))
  ) STRICT;
  CREATE INDEX events_by_host ON events(host, id);
  CREATE INDEX events_by_vm ON events(vm_uuid, id);
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  `,
  // 2: cloud-init instances: image library, flavors (with editable defaults), IPAM per network, IP reservations,
  // instances launched by VirtDeck (their seed volume and address are released with the VM).
  `
  CREATE TABLE images (
    host         TEXT NOT NULL REFERENCES hosts(name) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    pool         TEXT NOT NULL,
    volume       TEXT NOT NULL,
    sha256       TEXT,
    source       TEXT NOT NULL,
    os           TEXT,
    default_user TEXT,
    added_at     TEXT NOT NULL,
    PRIMARY KEY (host, name),
    UNIQUE (host, pool, volume)
  ) STRICT;

  CREATE TABLE flavors (
    name       TEXT PRIMARY KEY NOT NULL,
    vcpus      INTEGER NOT NULL CHECK (vcpus > 0),
    memory_mib INTEGER NOT NULL CHECK (memory_mib > 0),
    disk_bytes INTEGER NOT NULL CHECK (disk_bytes > 0)
  ) STRICT;
  INSERT INTO flavors VALUES
    ('tiny', 1, 512, 5368709120), ('small', 1, 1024, 10737418240), ('medium', 2, 2048, 21474836480),
    ('large', 4, 4096, 42949672960), ('xlarge', 8, 8192, 85899345920);

  CREATE TABLE ipam_networks (
    host    TEXT NOT NULL REFERENCES hosts(name) ON DELETE CASCADE,
    network TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('network', 'bridge')),
    config  TEXT NOT NULL CHECK (json_valid(config)),
    PRIMARY KEY (host, network)
  ) STRICT;

  -- One row per address handed out; the primary key makes two launches racing for one address fail cleanly.
  CREATE TABLE ip_reservations (
    host       TEXT NOT NULL,
    network    TEXT NOT NULL,
    ip         TEXT NOT NULL,
    vm_name    TEXT NOT NULL,
    vm_uuid    TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (host, network, ip),
    FOREIGN KEY (host, network) REFERENCES ipam_networks(host, network) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX ip_reservations_by_vm ON ip_reservations(host, vm_uuid);

  CREATE TABLE instances (
    host        TEXT NOT NULL REFERENCES hosts(name) ON DELETE CASCADE,
    vm_uuid     TEXT NOT NULL,
    vm_name     TEXT NOT NULL,
    image       TEXT NOT NULL,
    pool        TEXT NOT NULL,
    seed_volume TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (host, vm_uuid)
  ) STRICT;
  `,
  // 3: durable undo of multi-step tasks (what is left to take back if the task fails or its process dies), the
  // task that holds a reservation not yet bound to a VM, and a bounded event history per VM (older rows pruned
  // once here, then on every append: see EVENTS_PER_VM).
  `
  CREATE TABLE pending_undo (
    id      TEXT PRIMARY KEY NOT NULL,
    host    TEXT NOT NULL REFERENCES hosts(name) ON DELETE CASCADE,
    task    TEXT NOT NULL,
    -- "pid:token" of the process whose task made the steps; another process takes over only when that pid is gone.
    owner   TEXT NOT NULL,
    -- running: the task is still working (nobody else undoes it); undo: to be undone as soon as the host is reachable.
    state   TEXT NOT NULL CHECK (state IN ('running', 'undo')),
    -- JSON array of steps in the order they were made; undone last first.
    steps   TEXT NOT NULL CHECK (json_valid(steps)),
    error   TEXT,
    created TEXT NOT NULL
  ) STRICT;
  CREATE INDEX pending_undo_by_host ON pending_undo(host);

  ALTER TABLE ip_reservations ADD COLUMN task_id TEXT;

  DELETE FROM events WHERE id IN (
    SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY vm_uuid ORDER BY id DESC) AS n FROM events WHERE vm_uuid IS NOT NULL)
    WHERE n > 1000);
  `,
  // 4: the digest of the live domain XML a VM's disks and NICs were read from: a sync parses only XML that changed.
  `
  ALTER TABLE vms ADD COLUMN xml_digest TEXT;
  `,
  // 5: a VM's facts are read from its domain XML (VirtDeck's <metadata>, shared by every install on the host): the
  // lock and tags columns become a cache of the host like the live ones, joined by owner, notes and custom column
  // values; the definitions of the custom columns are local. The digests go: every XML is read for its facts once.
  `
  UPDATE vms SET xml_digest = NULL;
  ALTER TABLE vms ADD COLUMN owner TEXT;
  ALTER TABLE vms ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE vms ADD COLUMN fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields));

  CREATE TABLE fact_columns (
    name    TEXT PRIMARY KEY NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('text', 'date', 'choice')),
    choices TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(choices))
  ) STRICT;
  `,
  // 6: IPAM reservations live on the host that owns the network; these rows become its cache. A row says what an
  // address reserved by hand is for (note), who reserved it (by, OS user@machine) and from which VirtDeck home (its
  // task ids mean something only there; NULL: this home, before the host kept them). A config the host has not
  // confirmed yet (on_host 0: from before) is pushed to it once.
  `
  ALTER TABLE ipam_networks ADD COLUMN on_host INTEGER NOT NULL DEFAULT 0 CHECK (on_host IN (0, 1));
  ALTER TABLE ip_reservations ADD COLUMN note TEXT;
  ALTER TABLE ip_reservations ADD COLUMN by_who TEXT;
  ALTER TABLE ip_reservations ADD COLUMN home TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/**
 * Brings the file to SCHEMA_VERSION, one transaction per step. The version is re-read under the write lock, so two
 * processes opening a fresh file at the same time apply each step once.
 */
export function migrate(db: DatabaseSync, file: string): void {
  for (;;) {
    const seen = userVersion(db);
    if (seen > SCHEMA_VERSION) {
      throw new InventoryError(
        'schema-too-new',
        `${file} has schema version ${seen}; this VirtDeck knows up to ${SCHEMA_VERSION}`,
        { file, version: seen, known: SCHEMA_VERSION },
      );
    }
    if (seen === SCHEMA_VERSION) return;
    db.exec('BEGIN IMMEDIATE');
    try {
      const version = userVersion(db);
      if (version < SCHEMA_VERSION) {
        db.exec(MIGRATIONS[version]);
        db.exec(`PRAGMA user_version = ${version + 1}`);
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
}
