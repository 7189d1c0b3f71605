// virtdeck vm list|<action>|lock|unlock|delete|xml|screenshot|events
import { resolve } from 'node:path';
import type { VmAction, VmInfo } from '../../../shared/model/vm.js';
import { filterVms } from '../../../shared/model/vm-filter.js';
import { UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { eventWords } from '../event-words.js';
import { printJson, printTable } from '../output.js';
import type { Door } from '../door.js';
import { DEFAULT_LIST_COLUMNS, LIST_COLUMNS, listColumn, type ListColumn } from '../vm-columns.js';
import type { Run } from '../table/types.js';
import { connect, vmTarget } from './common.js';

/** The documented JSON shape of `vm list --json`. */
function vmListJson(vm: VmInfo): Record<string, unknown> {
  return {
    host: vm.host,
    name: vm.name,
    uuid: vm.uuid,
    state: vm.state,
    vcpus: vm.vcpus,
    memoryMiB: vm.memoryMiB,
    autostart: vm.autostart,
    persistent: vm.persistent,
    locked: vm.locked,
    lastSeen: vm.lastSeen,
    stale: vm.stale,
    ips: vm.ips,
    nics: vm.nics,
    disks: vm.disks,
    tags: vm.tags,
    owner: vm.owner,
    notes: vm.notes,
    fields: vm.fields,
  };
}

/** The --columns asked (the defaults when none), each known: built in or a custom column of this install. */
async function columnsOf(door: Door, asked: string | undefined): Promise<ListColumn[]> {
  if (asked === undefined) return DEFAULT_LIST_COLUMNS.map((name) => listColumn(name, []) as ListColumn);
  const custom = (await door.call('vms.columns', {})).map((c) => c.name);
  return asked.split(',').map((name) => {
    const column = listColumn(name.trim(), custom);
    if (!column) throw new UsageError(`unknown column "${name}": ${[...LIST_COLUMNS, ...custom].join(', ')}`);
    return column;
  });
}

export const list: Run = async (ctx, args) => {
  const door = await ctx.door({ watch: false, ipam: false });
  const host = args.get('host');
  const columns = await columnsOf(door, args.get('columns'));
  for (const h of await connect(door, host)) {
    if (h.status !== 'online') {
      ctx.out.stderr(`virtdeck: warning: host ${h.name} is ${h.status}${h.lastError ? ` (${errorWords(h.lastError)})` : ''}; its VMs are shown as last seen\n`);
    }
  }
  const vms = filterVms(await door.call('vms.list', host ? { host } : {}), args.get('filter') ?? '');
  if (args.has('json')) printJson(ctx.out, vms.map(vmListJson));
  else printTable(ctx.out, columns.map((c) => c.header), vms.map((v) => columns.map((c) => c.cell(v))));
  return 0;
};

/** start, shutdown, reboot, …: the command's own name is the action. */
export const action: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const wait = args.command === 'shutdown' ? args.get('wait') : undefined;
  if (wait !== undefined && !/^[1-9][0-9]{0,3}$/.test(wait)) throw new UsageError('--wait takes whole seconds (1-3600)');
  await door.call('vms.action', { ref, action: args.command as VmAction, ...(wait ? { waitSec: Number(wait) } : {}) });
  const vm = (await door.call('vms.list', { host: ref.host })).find((v) => v.name === ref.vm || v.uuid === ref.vm);
  ctx.out.stderr(`${ref.host}/${vm?.name ?? ref.vm}: ${vm?.state ?? 'gone'}\n`);
  return 0;
};

export const lock: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  await door.call('vms.setLocked', { ref, locked: args.command === 'lock' });
  ctx.out.stderr(`${args.command}ed ${ref.host}/${ref.vm}\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const result = await door.call('vms.delete', { ref, withStorage: args.has('with-storage') });
  ctx.out.stderr(
    `deleted ${ref.host}/${ref.vm}` +
      (result.deletedVolumes.length ? `; removed ${result.deletedVolumes.join(', ')}` : '') +
      (result.keptVolumes.length ? `; kept ${result.keptVolumes.join(', ')} (no libvirt volumes)` : '') +
      '\n',
  );
  return 0;
};

export const xml: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  ctx.out.stdout(`${await door.call('vms.xml', { ref, inactive: args.has('inactive') })}\n`);
  return 0;
};

export const screenshot: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const file = resolve(args.positionals[1] as string);
  const r = await door.call('vms.screenshot', { ref, file });
  ctx.out.stderr(`saved the screen of ${ref.host}/${ref.vm} (${r.width}×${r.height}) to ${file}\n`);
  return 0;
};

export const history: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const limit = args.get('limit');
  if (limit !== undefined && !/^[1-9][0-9]{0,3}$/.test(limit)) throw new UsageError('--limit takes a count (1-1000)');
  const events = await door.call('vms.events', { ref, ...(limit ? { limit: Number(limit) } : {}) });
  if (args.has('json')) printJson(ctx.out, events);
  else printTable(ctx.out, ['AT', 'KIND', 'EVENT'], events.map((e) => [e.at, e.kind, eventWords(e)]));
  return 0;
};
