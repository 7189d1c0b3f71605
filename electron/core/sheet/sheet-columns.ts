// Which fact each header of an imported sheet holds: the admin's own sheet says "VM", "IP address" or "purpose"
// where an exported one says name, ips or notes. Headers compare by their letters and digits alone, without case.
import type { FactColumn } from '../../../shared/model/vm-facts.js';

export type SheetKey = 'host' | 'name' | 'uuid' | 'owner' | 'tags' | 'notes' | 'ips';

const ALIASES: Readonly<Record<string, SheetKey>> = {
  host: 'host',
  hypervisor: 'host',
  name: 'name',
  vm: 'name',
  vmname: 'name',
  domain: 'name',
  uuid: 'uuid',
  owner: 'owner',
  tags: 'tags',
  tag: 'tags',
  notes: 'notes',
  note: 'notes',
  purpose: 'notes',
  ips: 'ips',
  ip: 'ips',
  ipaddress: 'ips',
  ipaddresses: 'ips',
  ipv4: 'ips',
};

/** Exported columns an import reads nothing from (libvirt's own facts). */
const READ_ONLY = new Set(['state', 'vcpus', 'memory', 'memorymib', 'disks', 'networks', 'macs', 'mac', 'lastseen']);

const norm = (header: string): string => header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export interface SheetLayout {
  /** The column index of each fact the sheet has (the first header naming it). */
  keys: Partial<Record<SheetKey, number>>;
  /** Custom column name → column index. */
  fields: Map<string, number>;
  ignored: string[];
}

export function sheetLayout(header: readonly string[], columns: readonly FactColumn[]): SheetLayout {
  const keys: SheetLayout['keys'] = {};
  const fields = new Map<string, number>();
  const ignored: string[] = [];
  header.forEach((text, i) => {
    const n = norm(text);
    const key = ALIASES[n];
    const custom = columns.find((c) => norm(c.name) === n);
    if (key !== undefined) {
      if (keys[key] === undefined) keys[key] = i;
    } else if (custom) {
      if (!fields.has(custom.name)) fields.set(custom.name, i);
    } else if (!READ_ONLY.has(n) && n !== '') ignored.push(text);
  });
  return { keys, fields, ignored };
}
