// The plan of an imported sheet: per VM (found by uuid, else host + name) the facts that change and the addresses
// to reserve, and every conflict (unknown host or VM, a value a fact refuses, a bad address, an address another VM
// holds). Reads only; the world it checks against is handed in, so the rules are tested without hosts.
import { report, type ErrorCode, type ErrorParams, type ErrorReport } from '../../../shared/model/errors.js';
import type { IpamConfig, IpamView } from '../../../shared/model/instance.js';
import type { SheetChange, SheetConflict, SheetFormat, SheetPlan, SheetReservation, SheetVmPlan } from '../../../shared/model/sheet.js';
import { LIST_SEPARATOR } from '../../../shared/model/sheet.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { fitsColumn, isTag, NOTES_MAX, OWNER_MAX, type FactColumn } from '../../../shared/model/vm-facts.js';
import { CoreError } from '../errors.js';
import { inCidr, parseCidr, parseIpv4 } from '../net/ipv4.js';
import { type SheetKey, sheetLayout } from './sheet-columns.js';

/** What a plan is checked against: the services behind vms.list, vms.columns, ipam.get and ipam.describe. */
export interface SheetWorld {
  hosts: readonly string[];
  vms: readonly VmInfo[];
  columns: readonly FactColumn[];
  isOnline(host: string): boolean;
  ipam(host: string, network: string): IpamConfig | null;
  describe(host: string, network: string): Promise<IpamView>;
}

const splitList = (text: string): string[] => text.split(/[\s,;]+/).filter((s) => s !== '');

type Conflict = Omit<SheetConflict, 'row' | 'host' | 'name'>;
const conflict = <C extends ErrorCode>(code: C, params: ErrorParams<C>, field?: string): Conflict => ({ error: report(code, params, field) });

export async function planSheet(format: SheetFormat, rows: readonly string[][], world: SheetWorld): Promise<SheetPlan> {
  const [header, ...data] = rows;
  if (!header) throw new CoreError('sheet.empty', {});
  const layout = sheetLayout(header, world.columns);
  const { keys } = layout;
  if (keys.uuid === undefined && (keys.host === undefined || keys.name === undefined)) throw new CoreError('sheet.no-key-columns', {});
  const cell = (row: readonly string[], key: SheetKey): string | undefined => {
    const i = keys[key];
    return i === undefined ? undefined : (row[i] ?? '').trim();
  };
  const plan: SheetPlan = { format, rows: data.length, vms: [], conflicts: [], ignoredColumns: layout.ignored, applied: false };
  const seen = new Set<string>();
  const claimed = new Map<string, string>();
  const views = new Map<string, Promise<IpamView>>();
  const describe = (host: string, network: string): Promise<IpamView> => {
    const k = `${host}/${network}`;
    if (!views.has(k)) views.set(k, world.describe(host, network));
    return views.get(k) as Promise<IpamView>;
  };

  for (const [i, row] of data.entries()) {
    const rowNo = i + 2;
    const host = cell(row, 'host') ?? '';
    const name = cell(row, 'name') ?? '';
    const uuid = cell(row, 'uuid') ?? '';
    const add = (c: Conflict, vm?: VmInfo) => plan.conflicts.push({ row: rowNo, host: vm?.host ?? (host || null), name: vm?.name ?? (name || uuid || null), ...c });
    const vm =
      (uuid !== '' ? world.vms.find((v) => v.uuid.toLowerCase() === uuid.toLowerCase()) : undefined) ??
      (host !== '' && name !== '' ? world.vms.find((v) => v.host === host && v.name === name) : undefined);
    if (!vm) {
      if (uuid === '' && host !== '' && !world.hosts.includes(host)) add(conflict('sheet.unknown-host', { host }, 'host'));
      else add(conflict('sheet.unknown-vm', { host, vm: name || uuid }, name ? 'name' : 'uuid'));
      continue;
    }
    const id = `${vm.host}/${vm.uuid}`;
    if (seen.has(id)) {
      add(conflict('sheet.duplicate-vm', { host: vm.host, vm: vm.name }), vm);
      continue;
    }
    seen.add(id);
    const conflictsBefore = plan.conflicts.length;
    const changes = factChanges(row, vm, layout.fields, world.columns, cell, (c) => add(c, vm));
    const reserve = await reservations(cell(row, 'ips'), vm, world, describe, claimed, (c) => add(c, vm));
    if (changes.length + reserve.length === 0) continue;
    if (!world.isOnline(vm.host) && plan.conflicts.length === conflictsBefore) add(conflict('vm.facts-offline', { host: vm.host, vm: vm.name }), vm);
    const entry: SheetVmPlan = { row: rowNo, host: vm.host, name: vm.name, uuid: vm.uuid, changes, reserve, outcome: 'planned', error: null };
    plan.vms.push(entry);
  }
  return plan;
}

function factChanges(
  row: readonly string[],
  vm: VmInfo,
  fields: ReadonlyMap<string, number>,
  columns: readonly FactColumn[],
  cell: (row: readonly string[], key: SheetKey) => string | undefined,
  refuse: (c: Conflict) => void,
): SheetChange[] {
  const out: SheetChange[] = [];
  const owner = cell(row, 'owner');
  if (owner !== undefined && owner !== (vm.owner ?? '')) {
    if (owner.length > OWNER_MAX) refuse(conflict('vm.fact-too-long', { fact: 'owner', max: OWNER_MAX }, 'owner'));
    else out.push({ fact: 'owner', old: vm.owner ?? '', new: owner });
  }
  const notes = cell(row, 'notes')?.replace(/\r\n?/g, '\n');
  if (notes !== undefined && notes !== vm.notes.trim()) {
    if (notes.length > NOTES_MAX) refuse(conflict('vm.fact-too-long', { fact: 'notes', max: NOTES_MAX }, 'notes'));
    else out.push({ fact: 'notes', old: vm.notes, new: notes });
  }
  const tagCell = cell(row, 'tags');
  if (tagCell !== undefined) {
    const tags = [...new Set(splitList(tagCell))].sort();
    const bad = tags.filter((t) => !isTag(t));
    bad.forEach((tag) => refuse(conflict('vm.bad-tag', { tag }, 'tags')));
    const old = [...vm.tags].sort().join(LIST_SEPARATOR);
    if (bad.length === 0 && tags.join(LIST_SEPARATOR) !== old) out.push({ fact: 'tags', old, new: tags.join(LIST_SEPARATOR) });
  }
  for (const [column, i] of fields) {
    const def = columns.find((c) => c.name === column) as FactColumn;
    const value = (row[i] ?? '').trim();
    const old = vm.fields[column] ?? '';
    if (value === old) continue;
    if (!fitsColumn(def, value)) refuse(conflict('vm.bad-fact-value', { column, kind: def.kind, value }, column));
    else out.push({ fact: 'field', column, old, new: value });
  }
  return out;
}

/** The addresses of the row's ips cell to reserve; each one in an IPAM network of the VM, held by no other VM. */
async function reservations(
  text: string | undefined,
  vm: VmInfo,
  world: SheetWorld,
  describe: (host: string, network: string) => Promise<IpamView>,
  claimed: Map<string, string>,
  refuse: (c: Conflict) => void,
): Promise<SheetReservation[]> {
  const out: SheetReservation[] = [];
  const self = `${vm.host}/${vm.name}`;
  const networks = [...new Set(vm.nics.flatMap((n) => (n.source === null ? [] : [n.source])))]
    .map((n) => world.ipam(vm.host, n))
    .filter((c): c is IpamConfig => c !== null);
  for (const item of splitList(text ?? '')) {
    const ip = item.split('/')[0] as string;
    const parsed = parseIpv4(ip);
    if (!parsed.ok || (item.includes('/') && !parseCidr(item).ok)) {
      refuse(conflict('sheet.bad-ip', { ip: item }, 'ips'));
      continue;
    }
    const config = networks.find((c) => {
      const cidr = parseCidr(c.cidr);
      return cidr.ok && inCidr(cidr.value, parsed.value);
    });
    if (!config) {
      refuse(conflict('sheet.no-ipam-network', { ip, host: vm.host, vm: vm.name }, 'ips'));
      continue;
    }
    const problem = await addressProblem(ip, self, config, describe, claimed);
    if (problem === 'held') continue; // reserved for this VM already (e.g. by an earlier apply of this sheet)
    if (problem) refuse({ error: { ...problem, field: 'ips' } });
    else if (!config.reserved.includes(ip)) {
      claimed.set(ip, self);
      out.push({ network: config.network, ip });
    }
  }
  return out;
}

/** Why the VM `self` cannot have `ip` in this network (someone else holds it, or it is not a host address), or
 *  'held' when its reservation is the VM's already. */
async function addressProblem(
  ip: string,
  self: string,
  config: IpamConfig,
  describe: (host: string, network: string) => Promise<IpamView>,
  claimed: ReadonlyMap<string, string>,
): Promise<ErrorReport | 'held' | undefined> {
  const other = claimed.get(ip);
  if (other !== undefined && other !== self) return report('ipam.in-use', { ip, holders: [other] });
  const view = await describe(config.host, config.network);
  const row = view.addresses.find((a) => a.ip === ip);
  if (!row) return undefined;
  const holders = [...new Set(row.holders.map((h) => h.holder).filter((h) => h !== self))];
  if (holders.length > 0) return report('ipam.in-use', { ip, holders });
  if (row.state === 'gateway') return report('ipam.is-gateway', { ip, cidr: config.cidr });
  if (row.state === 'dns') return report('ipam.is-dns', { ip, cidr: config.cidr });
  if (row.state === 'network' || row.state === 'broadcast') return report('sheet.bad-ip', { ip });
  return row.holders.some((h) => h.holder === self && h.source === 'reservation') ? 'held' : undefined;
}
