// Row ↔ object mapping. Nested data is stored as JSON built from the known fields only, in a fixed key order, so
// equal snapshots serialize to equal strings (used to tell changed from unchanged VMs).
import type { SQLInputValue } from 'node:sqlite';
import type { HostConfig } from '../../shared/model/host.js';
import type { DiskInfo, NicInfo, VmState } from '../../shared/model/vm.js';
import type { Row } from './sql.js';
import type { StoredEvent, StoredVm, VmSnapshot } from './types.js';

/** Column values of a VM's live fields, in the order of LIVE_COLUMNS. */
export const LIVE_COLUMNS = [
  'name',
  'state',
  'vcpus',
  'memory_mib',
  'autostart',
  'persistent',
  'disks',
  'nics',
  'ips',
  'locked',
  'tags',
  'owner',
  'notes',
  'fields',
] as const;

export function liveValues(vm: VmSnapshot): SQLInputValue[] {
  const disks: DiskInfo[] = vm.disks.map((d) => ({
    target: d.target,
    device: d.device,
    source: d.source,
    format: d.format,
    bus: d.bus,
  }));
  const nics: NicInfo[] = vm.nics.map((n) => ({
    mac: n.mac,
    type: n.type,
    source: n.source,
    model: n.model,
    ips: [...n.ips],
  }));
  return [
    vm.name,
    vm.state,
    vm.vcpus,
    vm.memoryMiB,
    vm.autostart ? 1 : 0,
    vm.persistent ? 1 : 0,
    JSON.stringify(disks),
    JSON.stringify(nics),
    JSON.stringify(vm.ips),
    vm.locked ? 1 : 0,
    JSON.stringify([...new Set(vm.tags)].sort()),
    vm.owner,
    vm.notes,
    JSON.stringify(Object.fromEntries(Object.entries(vm.fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  ];
}

export function rowLiveValues(row: Row): SQLInputValue[] {
  return LIVE_COLUMNS.map((c) => row[c] as SQLInputValue);
}

export function rowToVm(row: Row): StoredVm {
  return {
    host: row.host as string,
    name: row.name as string,
    uuid: row.uuid as string,
    state: row.state as VmState,
    vcpus: row.vcpus as number,
    memoryMiB: row.memory_mib as number,
    autostart: row.autostart === 1,
    persistent: row.persistent === 1,
    locked: row.locked === 1,
    disks: JSON.parse(row.disks as string) as DiskInfo[],
    nics: JSON.parse(row.nics as string) as NicInfo[],
    ips: JSON.parse(row.ips as string) as string[],
    tags: JSON.parse(row.tags as string) as string[],
    owner: row.owner as string | null,
    notes: row.notes as string,
    fields: JSON.parse(row.fields as string) as Record<string, string>,
    firstSeen: row.first_seen as string,
    lastSeen: row.last_seen as string,
  };
}

export function rowToHost(row: Row): HostConfig {
  return JSON.parse(row.config as string) as HostConfig;
}

export function rowToEvent(row: Row): StoredEvent {
  return {
    id: row.id as number,
    host: row.host as string | null,
    vmUuid: row.vm_uuid as string | null,
    kind: row.kind as string,
    message: row.message as string,
    at: row.at as string,
    data: row.data === null ? null : (JSON.parse(row.data as string) as unknown),
  };
}
